import type { HttpTypes } from "@medusajs/types"
import { useEffect, useRef } from "react"
import { Link } from "react-router-dom"
import { recordEvent, RecommendationsResponse } from "../lib/recommendations"
import { useStore } from "../lib/store"

export function price(product: HttpTypes.StoreProduct): string {
  const p = product.variants?.[0]?.calculated_price
  if (p?.calculated_amount == null || !p.currency_code) return ""
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: p.currency_code }).format(p.calculated_amount)
}

type Props = {
  title: string
  list: RecommendationsResponse | null
  testId: string
  /** a button per product (the cart's "complete your order") */
  onAdd?: (product: HttpTypes.StoreProduct) => void
}

/**
 * A served list with each product's reason line. When it renders it reports one impression per
 * product; opening a product reports a click, both against the list's recommendation_id.
 */
export function RecommendationList({ title, list, testId, onAdd }: Props) {
  const { setLastSeen } = useStore()
  const reported = useRef<string | null>(null)

  useEffect(() => {
    if (!list || reported.current === list.recommendation_id) return
    reported.current = list.recommendation_id
    setLastSeen({
      experiment: list.experiment,
      traces: list.recommendations.map((r) => r.trace),
      placement: list.placement,
    })
    for (const p of list.products) void recordEvent("impression", list.recommendation_id, p.id)
  }, [list, setLastSeen])

  if (!list) return <p className="muted">Loading {title.toLowerCase()}…</p>
  const byId = new Map(list.recommendations.map((r) => [r.product_id, r]))
  return (
    <section data-testid={testId} data-recommendation-id={list.recommendation_id}>
      <h2>{title}</h2>
      {!list.products.length && <p className="muted">Nothing to recommend yet.</p>}
      <ul className="grid">
        {list.products.map((p) => {
          const rec = byId.get(p.id)
          return (
            <li key={p.id} className="card" data-product-id={p.id}>
              <Link
                to={`/products/${p.id}`}
                onClick={() => void recordEvent("click", list.recommendation_id, p.id)}
                className="title"
              >
                {p.title}
              </Link>
              <span className="price">{price(p)}</span>
              {rec && <small className="reason">{rec.reasons.map((r) => r.message).join(" · ")}</small>}
              {onAdd && (
                <button type="button" onClick={() => onAdd(p)}>
                  Add to cart
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
