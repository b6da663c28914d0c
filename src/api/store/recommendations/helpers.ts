import { createHash } from "crypto"
import { MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, QueryContext, isPresent } from "@medusajs/framework/utils"
import {
  StoreProductRequest,
  addInventoryQuantity,
  addTaxPrices,
  prepareInventoryQuantity,
} from "./store-product-context"

/**
 * Loads products by id exactly as `GET /store/products` does (fields, pricing context, inventory
 * quantity, tax prices), keeping the order of `ids`.
 */
export async function fetchStoreProducts(
  req: MedusaStoreRequest<unknown>,
  ids: string[]
): Promise<Record<string, unknown>[]> {
  if (!ids.length) {
    return []
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const context: Record<string, Record<string, unknown>> = {}
  const { fields, withInventoryQuantity } = prepareInventoryQuantity(req.queryConfig.fields)
  if (isPresent(req.pricingContext)) {
    context["variants"] ??= {}
    context["variants"]["calculated_price"] ??= QueryContext(req.pricingContext!)
  }
  const { data = [] } = await query.graph(
    {
      entity: "product",
      fields,
      filters: { id: ids },
      context,
    },
    { cache: { enable: true }, locale: req.locale } as never
  )
  const products = data as Record<string, unknown>[]
  if (withInventoryQuantity) {
    await addInventoryQuantity(
      req,
      products.flatMap((p) => (p.variants as never[]) ?? [])
    )
  }
  await addTaxPrices(req as StoreProductRequest, products as never)
  const byId = new Map(products.map((p) => [p.id as string, p]))
  return ids.map((id) => byId.get(id)).filter((p): p is Record<string, unknown> => !!p)
}

/**
 * Who sent a store request, for the event rate limit: the customer, or for anonymous requests a
 * hash of the client address (the address itself is never stored).
 */
export function visitorKey(req: MedusaStoreRequest<unknown>): string {
  const customerId = req.auth_context?.actor_id
  if (customerId) {
    return customerId
  }
  // the rate limit and the event route both ask: hash the address once per request
  let key = anonymousKeys.get(req)
  if (!key) {
    const address = req.ip ?? req.socket?.remoteAddress ?? "unknown"
    key = `anon_${createHash("sha256").update(address).digest("hex").slice(0, 32)}`
    anonymousKeys.set(req, key)
  }
  return key
}

const anonymousKeys = new WeakMap<object, string>()
