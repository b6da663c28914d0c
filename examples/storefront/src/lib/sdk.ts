import Medusa from "@medusajs/js-sdk"

export type StorefrontConfig = {
  backendUrl: string
  publishableKey: string
  /** the demo's printed customer, offered on the sign-in page */
  demoCustomer: { email: string; password: string } | null
}

declare global {
  interface Window {
    __STOREFRONT_CONFIG__?: StorefrontConfig
  }
}

export const config: StorefrontConfig = window.__STOREFRONT_CONFIG__ ?? {
  backendUrl: "http://localhost:9000",
  publishableKey: "",
  demoCustomer: null,
}

/** One client for the whole storefront; a signed-in customer's token is kept in localStorage. */
export const sdk = new Medusa({
  baseUrl: config.backendUrl,
  publishableKey: config.publishableKey,
  auth: { type: "jwt", jwtTokenStorageMethod: "local" },
})
