import type { HttpTypes } from "@medusajs/types"
import { sdk } from "./sdk"

/** Medusa's default manual payment provider: authorizes at once, captured later from the admin. */
export const MANUAL_PAYMENT_PROVIDER = "pp_system_default"

export type CheckoutAddress = {
  first_name: string
  last_name: string
  address_1: string
  city: string
  postal_code: string
  country_code: string
}

/**
 * The store cart flow of the js-sdk: email and addresses, a shipping method when the region
 * offers one (the demo store has none, and its products need no shipping), a payment session
 * with the manual provider, then completion into an order.
 */
export async function checkout(
  cart: HttpTypes.StoreCart,
  email: string,
  address: CheckoutAddress
): Promise<HttpTypes.StoreOrder> {
  const { cart: addressed } = await sdk.store.cart.update(cart.id, {
    email,
    shipping_address: address,
    billing_address: address,
  })
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
  const option = shipping_options.find((o) => !o.insufficient_inventory)
  if (option) {
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: option.id })
  }
  const { cart: current } = await sdk.store.cart.retrieve(addressed.id, { fields: "*payment_collection" })
  await sdk.store.payment.initiatePaymentSession(current, { provider_id: MANUAL_PAYMENT_PROVIDER })
  const result = await sdk.store.cart.complete(cart.id)
  if (result.type !== "order") {
    throw new Error(result.error?.message ?? "the cart could not be completed")
  }
  return result.order
}
