import { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { rankProductsForCustomerWorkflow } from "../../../workflows/recommendation/recommend-products"

/**
 * Opt-in personalization of core `GET /store/products`: `?order=personalized` is taken off the
 * query before Medusa validates it, the core route runs unchanged, and the page it returns is
 * reordered for the logged-in customer (co-purchase affinity with their history first, products
 * they already bought last). Same response shape and count; anonymous visitors and holdout
 * customers get the core order. The `x-personalized` header says which happened.
 */
export async function personalizeStoreProducts(
  req: MedusaStoreRequest<unknown>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const query = req.query as Record<string, unknown>
  const path = req.baseUrl + (req.path === "/" ? "" : req.path)
  if (req.method !== "GET" || path !== "/store/products" || query.order !== "personalized") {
    return next()
  }
  stripOrderParam(req)
  const customerId = req.auth_context?.actor_id
  if (!customerId) {
    res.setHeader("x-personalized", "false")
    return next()
  }
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const json = res.json.bind(res)
  res.json = ((body: { products?: { id: string }[] }) => {
    if (!Array.isArray(body?.products) || res.statusCode >= 400) {
      return json(body)
    }
    rankProductsForCustomerWorkflow(req.scope)
      .run({ input: { customer_id: customerId, product_ids: body.products.map((p) => p.id) } })
      .then(({ result: { order, personalized } }) => {
        const position = new Map(order.map((id, i) => [id, i]))
        body.products = [...body.products!].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
        res.setHeader("x-personalized", String(personalized))
        json(body)
      })
      .catch((e: Error) => {
        logger.warn(`recommendation: personalized order failed, core order kept: ${e.message}`)
        res.setHeader("x-personalized", "false")
        json(body)
      })
    return res
  }) as typeof res.json
  next()
}

/** Removes `order=personalized` from the URL (and the parsed query) so core validation never sees it. */
function stripOrderParam(req: MedusaStoreRequest<unknown>) {
  const [path, search = ""] = req.url.split("?")
  const params = new URLSearchParams(search)
  params.delete("order")
  const rest = params.toString()
  req.url = rest ? `${path}?${rest}` : path
  try {
    delete (req.query as Record<string, unknown>).order
  } catch {
    // a getter-based query (Express 5) is re-parsed from req.url
  }
}
