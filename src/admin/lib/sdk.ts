import Medusa from "@medusajs/js-sdk"

export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: {
    type: "session",
  },
})

/** An absolute path on the Medusa backend, for links the browser follows itself (downloads). */
export const backendUrl = (path: string) => `${(import.meta.env.VITE_BACKEND_URL || "").replace(/\/+$/, "")}${path}`
