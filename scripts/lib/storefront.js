// Serves the example storefront (examples/storefront) for the demo and the browser tests.
// Default: a `vite build` of it, made once and cached in .cache/storefront/<hash of its sources>,
// served by a small static server that writes /storefront-config.js (backend URL, publishable key)
// per request: a warm start is a listen() call. `dev: true` runs Vite's dev server instead (hot
// reload, for working on the storefront).
const fs = require("fs")
const http = require("http")
const path = require("path")
const { ROOT } = require("./postgres")
const { hashSources } = require("./source-hash")

const APP = path.join(ROOT, "examples", "storefront")
const CACHE = path.join(ROOT, ".cache", "storefront")
const CONFIG_PATH = "/storefront-config.js"
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
}

/** The build's cache key: the storefront's sources and the versions of what builds and bundles it. */
function sourceHash() {
  const versions = ["vite", "react", "react-dom", "react-router-dom", "@medusajs/js-sdk"].map(
    (pkg) => `${pkg}@${require(path.join(ROOT, "node_modules", pkg, "package.json")).version}`
  )
  return hashSources([APP], { skip: ["node_modules", "dist"], extra: versions }).slice(0, 16)
}

/** Builds the storefront unless this version of its sources is built already; returns the output folder. */
async function buildStorefront({ log = () => {} } = {}) {
  const out = path.join(CACHE, sourceHash())
  if (fs.existsSync(path.join(out, "index.html"))) return { dir: out, built: false }
  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  log(`building the storefront (vite build) into ${path.relative(ROOT, out)}`)
  const { build } = await import("vite")
  const { default: react } = await import("@vitejs/plugin-react")
  await build({
    configFile: false,
    root: APP,
    plugins: [react()],
    logLevel: "warn",
    build: { outDir: tmp, emptyOutDir: true },
  })
  fs.rmSync(out, { recursive: true, force: true })
  fs.renameSync(tmp, out)
  // older builds are of no use once the sources moved on
  for (const old of fs.readdirSync(CACHE)) {
    if (old !== path.basename(out)) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true })
  }
  return { dir: out, built: true }
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, () => resolve())
  })
}

/** A static server over the built storefront; unknown paths get index.html (client-side routes). */
function staticServer(dir, configJs) {
  const index = fs.readFileSync(path.join(dir, "index.html"))
  return http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname)
    if (pathname === CONFIG_PATH) {
      res.writeHead(200, { "content-type": TYPES[".js"], "cache-control": "no-store" })
      return res.end(configJs)
    }
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""))
    if (file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = pathname.startsWith("/assets/")
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      })
      return fs.createReadStream(file).pipe(res)
    }
    res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-cache" })
    res.end(index)
  })
}

/**
 * Starts the example storefront at http://localhost:<port> against the given backend.
 * The backend must allow the storefront's origin in STORE_CORS and AUTH_CORS.
 */
async function startStorefront({ backendUrl, publishableKey, port = 8000, dev = false, log = () => {} }) {
  const started = Date.now()
  const { storefrontConfig, configScript, storefrontConfigPlugin } = await import(path.join(APP, "vite.config.mjs"))
  const overrides = { backendUrl, publishableKey }
  const url = `http://localhost:${port}`
  if (dev) {
    const { createServer } = await import("vite")
    const { default: react } = await import("@vitejs/plugin-react")
    const server = await createServer({
      configFile: false,
      root: APP,
      logLevel: "warn",
      plugins: [react(), storefrontConfigPlugin(overrides)],
      server: { port, strictPort: true },
    })
    await server.listen()
    log(`storefront (vite dev server) at ${url} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
    return { url, stop: () => server.close() }
  }
  const { dir, built } = await buildStorefront({ log })
  const server = staticServer(dir, configScript(storefrontConfig(overrides)))
  await listen(server, port)
  log(`storefront at ${url} in ${((Date.now() - started) / 1000).toFixed(1)}s${built ? " (built)" : " (cached build)"}`)
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

module.exports = { startStorefront, buildStorefront }
