import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { RecommendationContext } from "../../../modules/recommendation/types"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

export type LoadRecommendationContextInput = {
  customer_id: string | null
  cart_id?: string | null
  /** false skips the segments (ranking a product page needs only the groups). */
  segments?: boolean
}

export const loadRecommendationContextStepId = "load-recommendation-context"

/**
 * Gathers what the recommendation module needs to know of the rest of the store for one request:
 * the customer's group in every active objective and which objective governs the engine (the
 * objective module decides both), their current segments (the segment module) and the cart's
 * products (Medusa's cart, through query.graph). Read-only: nothing to compensate.
 */
export const loadRecommendationContextStep = createStep(
  loadRecommendationContextStepId,
  async (input: LoadRecommendationContextInput, { container }) => {
    const [experiment, segmentIds, cartProductIds] = await Promise.all([
      experimentOf(container, input.customer_id),
      input.customer_id && input.segments !== false ? segmentsOf(container, input.customer_id) : [],
      input.cart_id ? cartProducts(container, input.cart_id) : null,
    ])
    const context: RecommendationContext = {
      ...experiment,
      segment_ids: segmentIds,
      cart_product_ids: cartProductIds,
    }
    return new StepResponse(context)
  }
)

type Experiment = Pick<RecommendationContext, "groups" | "engine_objective_id">

/** The design is the same for everyone; an anonymous visitor has no group in it. */
async function experimentOf(container: MedusaContainer, customerId: string | null): Promise<Experiment> {
  const objectives: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
  const experiment = await objectives.experimentFor(customerId ?? "anonymous")
  return {
    groups: customerId ? experiment.assignments.map((g) => ({ objective_id: g.objective_id, group: g.group })) : [],
    engine_objective_id: experiment.engine_objective_id,
  }
}

async function segmentsOf(container: MedusaContainer, customerId: string): Promise<string[]> {
  const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  return await segments.listCustomerSegmentIds(customerId)
}

async function cartProducts(container: MedusaContainer, cartId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "items.product_id"], filters: { id: cartId } })
  const cart = data[0] as { items?: ({ product_id?: string | null } | null)[] | null } | undefined
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${cartId} was not found`)
  }
  return [...new Set((cart.items ?? []).map((i) => i?.product_id).filter((id): id is string => !!id))]
}
