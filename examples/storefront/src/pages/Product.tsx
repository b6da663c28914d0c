import type { HttpTypes } from "@medusajs/types"
import { useEffect, useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { fetchRecommendations, RecommendationsResponse } from "../lib/recommendations"
import { sdk } from "../lib/sdk"
import { useStore } from "../lib/store"
import { price, RecommendationList } from "../components/RecommendationList"

/** A product with "Frequently bought together" (placement=product), each item with its reason line. */
export function Product() {
  const { id } = useParams<{ id: string }>()
  const { ready, region, customer, addToCart } = useStore()
  const navigate = useNavigate()
  const [product, setProduct] = useState<HttpTypes.StoreProduct | null>(null)
  const [list, setList] = useState<RecommendationsResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)

  useEffect(() => {
    if (!ready || !id) return
    setProduct(null)
    setList(null)
    sdk.store.product
      .retrieve(id, { region_id: region?.id, fields: "*variants.calculated_price" })
      .then(({ product }) => setProduct(product))
      .catch((e) => setError(e.message))
    fetchRecommendations({ placement: "product", product_id: id, limit: 4, region_id: region?.id })
      .then(setList)
      .catch((e) => setError(e.message))
  }, [ready, id, region?.id, customer?.id])

  if (error) return <p className="error">{error}</p>
  if (!product) return <p className="muted">Loading…</p>
  const variant = product.variants?.[0]
  return (
    <>
      <article className="product" data-testid="product" data-product-id={product.id}>
        <h1>{product.title}</h1>
        <p className="price">{price(product)}</p>
        {product.description && <p>{product.description}</p>}
        <button
          type="button"
          disabled={!variant || adding}
          onClick={async () => {
            setAdding(true)
            try {
              await addToCart(variant!.id)
              navigate("/cart")
            } catch (e) {
              setError((e as Error).message)
            } finally {
              setAdding(false)
            }
          }}
        >
          Add to cart
        </button>
      </article>
      <RecommendationList title="Frequently bought together" list={list} testId="product-list" />
    </>
  )
}
