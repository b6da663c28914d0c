import type { HttpTypes } from "@medusajs/types"
import { FormEvent, useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { checkout } from "../lib/checkout"
import { fetchRecommendations, RecommendationsResponse } from "../lib/recommendations"
import { useStore } from "../lib/store"
import { RecommendationList } from "../components/RecommendationList"

/** The cart, "Complete your order" (placement=cart) and a one-form checkout with the manual payment provider. */
export function Cart() {
  const { ready, cart, customer, region, addToCart, forgetCart } = useStore()
  const [list, setList] = useState<RecommendationsResponse | null>(null)
  const [order, setOrder] = useState<HttpTypes.StoreOrder | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const itemsKey = (cart?.items ?? []).map((i) => `${i.variant_id}:${i.quantity}`).join(",")

  useEffect(() => {
    if (!ready || !cart?.id || !cart.items?.length) return setList(null)
    fetchRecommendations({ placement: "cart", cart_id: cart.id, limit: 4, region_id: region?.id })
      .then(setList)
      .catch((e) => setError(e.message))
    // a new list whenever the cart's lines change: the cart placement never offers what is in it
  }, [ready, cart?.id, itemsKey, region?.id])

  async function onCheckout(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (!cart) return
    const form = new FormData(e.currentTarget)
    const field = (name: string) => String(form.get(name) ?? "")
    setBusy(true)
    setError(null)
    try {
      const placed = await checkout(cart, field("email"), {
        first_name: field("first_name"),
        last_name: field("last_name"),
        address_1: field("address_1"),
        city: field("city"),
        postal_code: field("postal_code"),
        country_code: field("country_code"),
      })
      forgetCart()
      setOrder(placed)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (order) {
    return (
      <section data-testid="order-confirmation" data-order-id={order.id}>
        <h1>Thank you!</h1>
        <p>
          Order #{order.display_id} is placed ({order.items?.length ?? 0} items). Payment: manual, to be captured by the
          store.
        </p>
        <Link to="/">Continue shopping</Link>
      </section>
    )
  }
  if (!ready) return <p className="muted">Loading…</p>
  if (!cart?.items?.length) return <p>Your cart is empty.</p>

  const country = region?.countries?.[0]?.iso_2 ?? "gb"
  return (
    <>
      <h1>Cart</h1>
      <ul data-testid="cart-items" className="lines">
        {cart.items.map((i) => (
          <li key={i.id} data-product-id={i.product_id}>
            {i.quantity} × {i.product_title ?? i.title}
          </li>
        ))}
      </ul>
      <RecommendationList
        title="Complete your order"
        list={list}
        testId="cart-list"
        onAdd={async (p) => {
          const variant = p.variants?.[0]
          if (variant) await addToCart(variant.id).catch((e) => setError(e.message))
        }}
      />
      <form onSubmit={onCheckout} className="checkout" aria-label="Checkout">
        <h2>Checkout</h2>
        <label>
          Email <input name="email" type="email" required defaultValue={customer?.email ?? ""} />
        </label>
        <label>
          First name <input name="first_name" required defaultValue={customer?.first_name ?? "Demo"} />
        </label>
        <label>
          Last name <input name="last_name" required defaultValue={customer?.last_name ?? "Shopper"} />
        </label>
        <label>
          Address <input name="address_1" required defaultValue="1 High Street" />
        </label>
        <label>
          City <input name="city" required defaultValue="London" />
        </label>
        <label>
          Postcode <input name="postal_code" required defaultValue="SW1A 1AA" />
        </label>
        <input name="country_code" type="hidden" value={country} />
        <p className="muted">Payment: manual (Medusa&apos;s default provider, pp_system_default).</p>
        <button type="submit" disabled={busy}>
          {busy ? "Placing order…" : "Place order"}
        </button>
      </form>
      {error && <p className="error">{error}</p>}
    </>
  )
}
