import type { HttpTypes } from "@medusajs/types"
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react"
import { sdk } from "./sdk"
import type { Experiment, RecommendationTrace } from "./recommendations"

const CART_KEY = "storefront_cart_id"
const SEEN_KEY = "storefront_last_seen"
const CART_FIELDS = "*items,*items.variant,*shipping_methods,*payment_collection"

type Seen = { experiment: Experiment; traces: RecommendationTrace[]; placement: string }

type StoreState = {
  ready: boolean
  region: HttpTypes.StoreRegion | null
  customer: HttpTypes.StoreCustomer | null
  cart: HttpTypes.StoreCart | null
  /** the experiment and traces of the last list shown, for the "why you see this" page */
  lastSeen: Seen | null
  setLastSeen: (seen: Seen) => void
  signIn: (email: string, password: string) => Promise<void>
  signOut: () => Promise<void>
  addToCart: (variantId: string) => Promise<HttpTypes.StoreCart>
  refreshCart: () => Promise<void>
  forgetCart: () => void
}

const StoreContext = createContext<StoreState | null>(null)

export function useStore(): StoreState {
  const state = useContext(StoreContext)
  if (!state) throw new Error("useStore outside StoreProvider")
  return state
}

export function StoreProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false)
  const [region, setRegion] = useState<HttpTypes.StoreRegion | null>(null)
  const [customer, setCustomer] = useState<HttpTypes.StoreCustomer | null>(null)
  const [cart, setCart] = useState<HttpTypes.StoreCart | null>(null)
  // kept for the tab's session, so "why you see this" explains the last list after a reload too
  const [lastSeen, setSeen] = useState<Seen | null>(() => JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? "null"))
  const setLastSeen = useCallback((seen: Seen) => {
    sessionStorage.setItem(SEEN_KEY, JSON.stringify(seen))
    setSeen(seen)
  }, [])

  const loadCart = useCallback(async () => {
    const id = localStorage.getItem(CART_KEY)
    if (!id) return setCart(null)
    try {
      const { cart } = await sdk.store.cart.retrieve(id, { fields: CART_FIELDS })
      setCart(cart.completed_at ? null : cart)
    } catch {
      localStorage.removeItem(CART_KEY)
      setCart(null)
    }
  }, [])

  useEffect(() => {
    ;(async () => {
      const { regions } = await sdk.store.region.list({ limit: 1 })
      setRegion(regions[0] ?? null)
      try {
        const { customer } = await sdk.store.customer.retrieve()
        setCustomer(customer)
      } catch {
        setCustomer(null) // anonymous, or an expired token
      }
      await loadCart()
      setReady(true)
    })()
  }, [loadCart])

  const signIn = useCallback(
    async (email: string, password: string) => {
      const token = await sdk.auth.login("customer", "emailpass", { email, password })
      if (typeof token !== "string") throw new Error("this account needs another sign-in step")
      const { customer } = await sdk.store.customer.retrieve()
      setCustomer(customer)
      // an anonymous cart becomes the customer's, so its order counts for them
      const cartId = localStorage.getItem(CART_KEY)
      if (cartId) await sdk.store.cart.transferCart(cartId).catch(() => undefined)
      await loadCart()
    },
    [loadCart]
  )

  const signOut = useCallback(async () => {
    await sdk.auth.logout()
    setCustomer(null)
    localStorage.removeItem(CART_KEY)
    setCart(null)
  }, [])

  const addToCart = useCallback(
    async (variantId: string) => {
      let id = cart?.id
      if (!id) {
        if (!region) throw new Error("the store has no region")
        const created = await sdk.store.cart.create({ region_id: region.id })
        id = created.cart.id
        localStorage.setItem(CART_KEY, id)
      }
      const { cart: updated } = await sdk.store.cart.createLineItem(
        id,
        { variant_id: variantId, quantity: 1 },
        { fields: CART_FIELDS }
      )
      setCart(updated)
      return updated
    },
    [cart?.id, region]
  )

  const forgetCart = useCallback(() => {
    localStorage.removeItem(CART_KEY)
    setCart(null)
  }, [])

  const value = useMemo(
    () => ({
      ready,
      region,
      customer,
      cart,
      lastSeen,
      setLastSeen,
      signIn,
      signOut,
      addToCart,
      refreshCart: loadCart,
      forgetCart,
    }),
    [ready, region, customer, cart, lastSeen, signIn, signOut, addToCart, loadCart, forgetCart]
  )
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>
}
