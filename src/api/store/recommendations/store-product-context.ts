import {
  MedusaNextFunction,
  MedusaResponse,
  MedusaStoreRequest,
  refetchEntities,
  refetchEntity,
} from "@medusajs/framework/http"
import type { ITaxModuleService, ItemTaxLineDTO, TaxCalculationContext } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  FeatureFlag,
  MedusaError,
  Modules,
  applyTranslationsToTaxLines,
  arrayDifference,
  calculateAmountsWithTax,
  getVariantAvailability,
} from "@medusajs/framework/utils"

// What `GET /store/products` does around its query (sales channels, pricing and tax context,
// inventory quantity, tax-inclusive prices), rebuilt on public `@medusajs/framework` APIs because
// Medusa does not export these helpers: copied from @medusajs/medusa 2.21.2,
// dist/api/utils/middlewares/products/* and dist/api/store/products/helpers.js. Keep it in step
// with Medusa: integration-tests/http/store-product-shape.spec.ts fails when the core shape moves.

const PRICE_PATH = "variants.calculated_price"
const INVENTORY_QUANTITY = "variants.inventory_quantity"

type Filters = {
  sales_channel_id?: string[]
  region_id?: string
  country_code?: string
  province?: string
  cart_id?: string
}

type TaxContext = { automaticTaxes: boolean; taxLineContext?: TaxCalculationContext }

/** A store request as the product-context middlewares leave it. */
export type StoreProductRequest = MedusaStoreRequest<unknown> & { taxContext?: TaxContext }

type CalculatedPrice = {
  calculated_amount: number
  original_amount: number
  currency_code: string
  is_calculated_price_tax_inclusive: boolean
  is_original_price_tax_inclusive: boolean
  [key: string]: unknown
}
type Variant = { id: string; manage_inventory?: boolean; calculated_price?: CalculatedPrice; [key: string]: unknown }
type Product = { id: string; type_id?: string; variants?: Variant[]; [key: string]: unknown }

const filtersOf = (req: MedusaStoreRequest<unknown>) => req.filterableFields as Filters
const wantsPrice = (fields: string[]) => fields.some((f) => f === PRICE_PATH || f.startsWith(`${PRICE_PATH}.`))

/** The sales channels a request may see: those asked for (all in the key), else the key's. */
function salesChannelIds(req: MedusaStoreRequest<unknown>): string[] {
  const fromKey = req.publishable_key_context?.sales_channel_ids ?? []
  const asked = (req.validatedQuery as { sales_channel_id?: string | string[] }).sales_channel_id
  const fromRequest = asked === undefined ? [] : ([] as string[]).concat(asked)
  if (fromRequest.length) {
    if (arrayDifference(fromRequest, fromKey).length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Requested sales channel is not part of the publishable key"
      )
    }
    return fromRequest
  }
  return fromKey
}

/** Core `filterByValidSalesChannels`: the publishable key's sales channels as a filter. */
export async function filterByKeySalesChannels(
  req: MedusaStoreRequest<unknown>,
  _: MedusaResponse,
  next: MedusaNextFunction
) {
  const ids = salesChannelIds(req)
  if (!ids.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Publishable key needs to have a sales channel configured")
  }
  filtersOf(req).sales_channel_id = ids
  next()
}

/** Core `normalizeDataForContext`: prices asked for (or a region given) need a region: the cart's, else the store's default. */
export async function normalizePricingRegion(
  req: MedusaStoreRequest<unknown>,
  _: MedusaResponse,
  next: MedusaNextFunction
) {
  const filters = filtersOf(req)
  let withPrice = false
  req.queryConfig.fields = req.queryConfig.fields.map((f) => {
    if (f === PRICE_PATH) {
      withPrice = true
      return `${PRICE_PATH}.*`
    }
    withPrice ||= f.startsWith(`${PRICE_PATH}.`)
    return f
  })
  if (!withPrice && filters.region_id) {
    if (!req.queryConfig.fields.includes(`${PRICE_PATH}.*`)) {
      req.queryConfig.fields.push(`${PRICE_PATH}.*`)
    }
    withPrice = true
  }
  if (!withPrice) {
    return next()
  }
  let { region_id: regionId, country_code: countryCode, province } = filters
  if (filters.cart_id) {
    const cart = await refetchEntity({
      entity: "cart",
      idOrFilter: filters.cart_id,
      scope: req.scope,
      fields: ["region_id", "shipping_address.*"],
    })
    regionId = cart?.region_id ?? regionId
    if (cart?.shipping_address) {
      countryCode = cart.shipping_address.country_code
      province = cart.shipping_address.province
    }
  }
  if (!regionId) {
    const { data: stores } = await refetchEntities({
      entity: "store",
      scope: req.scope,
      fields: ["id", "default_region_id"],
      options: { cache: { enable: true } },
    })
    regionId = stores[0]?.default_region_id
  }
  if (!regionId) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Missing required pricing context to calculate prices - region_id"
      )
    )
  }
  Object.assign(filters, { region_id: regionId, country_code: countryCode, province })
  next()
}

/** Core `setPricingContext`: the region's currency and the customer's groups. */
export async function setProductPricingContext(
  req: MedusaStoreRequest<unknown>,
  _: MedusaResponse,
  next: MedusaNextFunction
) {
  if (!wantsPrice(req.queryConfig.fields)) {
    return next()
  }
  const regionId = filtersOf(req).region_id
  const region = await refetchEntity({
    entity: "region",
    idOrFilter: regionId!,
    scope: req.scope,
    fields: ["id", "currency_code"],
    options: { cache: { enable: true } },
  })
  if (!region) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Region with id ${regionId} not found when populating the pricing context`
      )
    )
  }
  const pricingContext: NonNullable<MedusaStoreRequest["pricingContext"]> = {
    region_id: region.id,
    currency_code: region.currency_code,
  }
  const customerId = req.auth_context?.actor_id
  if (customerId) {
    const { data: groups } = await refetchEntities({
      entity: "customer_group",
      idOrFilter: { customers: { id: customerId } },
      scope: req.scope,
      fields: ["id"],
    })
    pricingContext.customer = { groups: groups.map((g: { id: string }) => ({ id: g.id })) }
  }
  req.pricingContext = pricingContext
  next()
}

/** Core `setTaxContext`: with automatic taxes, the address that tax lines are computed for. */
export async function setProductTaxContext(req: StoreProductRequest, _: MedusaResponse, next: MedusaNextFunction) {
  if (!wantsPrice(req.queryConfig.fields)) {
    return next()
  }
  const filters = filtersOf(req)
  const region = await refetchEntity({
    entity: "region",
    idOrFilter: filters.region_id!,
    scope: req.scope,
    fields: ["automatic_taxes"],
  })
  if (!region) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Region with id ${filters.region_id} not found when populating the tax context`
      )
    )
  }
  if (!region.automatic_taxes) {
    return next()
  }
  req.taxContext = {
    automaticTaxes: true,
    taxLineContext: filters.country_code
      ? {
          address: { country_code: filters.country_code, province_code: filters.province },
          locale: req.locale,
        }
      : undefined,
  }
  next()
}

/** Core `prepareInventoryQuantityFields`: `variants.inventory_quantity` is computed, so query what it needs instead. */
export function prepareInventoryQuantity(fields: string[]): { fields: string[]; withInventoryQuantity: boolean } {
  if (!fields.includes(INVENTORY_QUANTITY)) {
    return { fields, withInventoryQuantity: false }
  }
  const prepared = new Set(fields.filter((f) => f !== INVENTORY_QUANTITY))
  prepared.add("variants.id")
  prepared.add("variants.manage_inventory")
  return { fields: [...prepared], withInventoryQuantity: true }
}

/** Core `wrapVariantsWithInventoryQuantityForSalesChannel`: availability in the one sales channel of the request. */
export async function addInventoryQuantity(req: MedusaStoreRequest<unknown>, variants: Variant[]) {
  const fromKey = req.publishable_key_context?.sales_channel_ids ?? []
  const requested = salesChannelIds(req)
  const channel = fromKey.length === 1 ? fromKey[0] : requested.length === 1 ? requested[0] : undefined
  if (!channel) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Inventory availability cannot be calculated in the given context. Either provide a single sales channel id or configure a single sales channel in the publishable key"
    )
  }
  const withId = variants.filter((v) => !!v?.id)
  if (!withId.length) {
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const availability = await getVariantAvailability(query, {
    variant_ids: withId.map((v) => v.id),
    sales_channel_id: channel,
  })
  for (const v of withId) {
    if (v.manage_inventory) {
      v.inventory_quantity = availability[v.id].availability
    }
  }
}

/** Core `wrapProductsWithTaxPrices`: amounts with and without tax beside each calculated price. */
export async function addTaxPrices(req: StoreProductRequest, products: Product[]) {
  const taxContext = req.taxContext
  if (!taxContext?.automaticTaxes || !taxContext.taxLineContext) {
    return
  }
  const items = products.flatMap((p) =>
    (p.variants ?? [])
      .filter((v) => v.calculated_price)
      .map((v) => ({
        id: v.id,
        product_id: p.id,
        product_type_id: p.type_id,
        quantity: 1,
        unit_price: v.calculated_price!.calculated_amount,
        currency_code: v.calculated_price!.currency_code,
      }))
  )
  const taxService = req.scope.resolve<ITaxModuleService>(Modules.TAX)
  let taxLines = (await taxService.getTaxLines(items, taxContext.taxLineContext)) as ItemTaxLineDTO[]
  if (FeatureFlag.isFeatureEnabled("translation")) {
    taxLines = (await applyTranslationsToTaxLines(taxLines, req.locale, req.scope)) as ItemTaxLineDTO[]
  }
  const byVariant = new Map<string, ItemTaxLineDTO[]>()
  for (const line of taxLines) {
    byVariant.set(line.line_item_id, [...(byVariant.get(line.line_item_id) ?? []), line])
  }
  for (const v of products.flatMap((p) => p.variants ?? [])) {
    const price = v.calculated_price
    if (!price) {
      continue
    }
    const lines = byVariant.get(v.id) ?? []
    const calculated = calculateAmountsWithTax({
      taxLines: lines,
      amount: price.calculated_amount,
      includesTax: price.is_calculated_price_tax_inclusive,
    })
    price.calculated_amount_with_tax = calculated.priceWithTax
    price.calculated_amount_without_tax = calculated.priceWithoutTax
    const original = calculateAmountsWithTax({
      taxLines: lines,
      amount: price.original_amount,
      includesTax: price.is_original_price_tax_inclusive,
    })
    price.original_amount_with_tax = original.priceWithTax
    price.original_amount_without_tax = original.priceWithoutTax
  }
}
