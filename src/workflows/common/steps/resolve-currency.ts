import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const resolveCurrencyStepId = "resolve-currency"

/**
 * The one currency default of the plugin: the code given, lower-cased, or else the store's default
 * currency (Medusa's store module), or else its only currency. Segments and objectives created
 * without a currency use it; a store with several currencies and no default must name one.
 */
export const resolveCurrencyStep = createStep(
  resolveCurrencyStepId,
  async (given: string | null | undefined, { container }) => {
    if (given) {
      return new StepResponse(given.toLowerCase())
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: stores } = await query.graph({
      entity: "store",
      fields: ["supported_currencies.currency_code", "supported_currencies.is_default"],
    })
    const currencies = (stores[0]?.supported_currencies ?? []).filter(Boolean) as {
      currency_code: string
      is_default?: boolean
    }[]
    const chosen = currencies.find((c) => c.is_default) ?? (currencies.length === 1 ? currencies[0] : undefined)
    if (!chosen) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "currency_code: is required (the store has no default currency to use instead)"
      )
    }
    return new StepResponse(chosen.currency_code.toLowerCase())
  }
)
