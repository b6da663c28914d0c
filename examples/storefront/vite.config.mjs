// The example storefront. `npx vite` in this folder (or `startStorefront` in scripts/lib/storefront.js)
// serves it; the backend URL and publishable key come from MEDUSA_BACKEND_URL and
// MEDUSA_PUBLISHABLE_KEY, else from the demo's .demo-data/demo.json, as /storefront-config.js.
import fs from "fs"
import path from "path"
import process from "process"
import { fileURLToPath } from "url"
import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

const here = path.dirname(fileURLToPath(import.meta.url))

/** The demo's customer (written by `npm run demo`), offered on the sign-in page. */
function demoCustomer(demo) {
  const c = demo.customer ?? demo.demo_customer
  return c?.email && c?.password ? { email: c.email, password: c.password } : null
}

/** What the page needs to reach the store API, read at request time (the demo may write it after start). */
export function storefrontConfig(overrides = {}) {
  let demo = {}
  try {
    demo = JSON.parse(fs.readFileSync(path.join(here, "..", "..", ".demo-data", "demo.json"), "utf8"))
  } catch {
    // no demo yet: the env must say
  }
  return {
    backendUrl: overrides.backendUrl || process.env.MEDUSA_BACKEND_URL || "http://localhost:9000",
    publishableKey: overrides.publishableKey || process.env.MEDUSA_PUBLISHABLE_KEY || demo.publishable_key || "",
    demoCustomer: demoCustomer(demo),
  }
}

export function configScript(config) {
  return `window.__STOREFRONT_CONFIG__ = ${JSON.stringify(config).replace(/</g, "\\u003c")}\n`
}

/** Serves /storefront-config.js in the dev server; the built site gets it from the static server. */
export function storefrontConfigPlugin(overrides = {}) {
  return {
    name: "storefront-config",
    configureServer(server) {
      server.middlewares.use("/storefront-config.js", (_req, res) => {
        res.setHeader("content-type", "text/javascript")
        res.setHeader("cache-control", "no-store")
        res.end(configScript(storefrontConfig(overrides)))
      })
    },
  }
}

export default defineConfig({
  root: here,
  plugins: [react(), storefrontConfigPlugin()],
  server: { port: 8000, strictPort: true },
  preview: { port: 8000, strictPort: true },
})
