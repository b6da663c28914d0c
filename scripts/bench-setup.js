#!/usr/bin/env node
// `npm run bench:setup`: the benchmark database `personalization_bench` with a generated order
// history of 1,000,000 lines / 100,000 customers / 10,000 products (seed 42), imported through
// the plugin's importer. The benchmarks (bench:segments, bench:audit, bench:recommendations) read it.
// Re-running is cheap: the dataset file is kept in bench-data/ (git-ignored) and the import is
// skipped when the database already holds every line (an interrupted import resumes: the
// importer skips invoices already present).
//   node scripts/bench-setup.js [--lines N] [--customers N] [--products N] [--seed N] [--db NAME]
const fs = require("fs")
const path = require("path")
const { resolvePostgres, ensureDatabase, ROOT } = require("./lib/postgres")
const { medusaRun } = require("./lib/medusa")
const { writeDataset } = require("./generate-dataset")

function parse(argv) {
  const opts = { lines: 1000000, customers: 100000, products: 10000, seed: 42, db: "personalization_bench" }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i])
    if (!m || !(m[1] in opts)) throw new Error(`unknown argument ${argv[i]}`)
    const value = m[2] !== undefined ? m[2] : argv[++i]
    opts[m[1]] = m[1] === "db" ? value : Number(value)
  }
  return opts
}

function log(msg) {
  process.stdout.write(`[bench:setup] ${msg}\n`)
}

async function importedLines(url) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    const exists = await client.query(`select to_regclass('public.order') is not null as ok`)
    if (!exists.rows[0].ok) return 0
    const { rows } = await client.query(
      `select count(*)::int n from order_item oi join "order" o on o.id = oi.order_id and oi.version = o.version
        where o.metadata->>'invoice_no' is not null and o.deleted_at is null and oi.deleted_at is null`
    )
    return rows[0].n
  } finally {
    await client.end()
  }
}

async function main() {
  const opts = parse(process.argv.slice(2))
  const started = Date.now()
  const file = path.join(
    ROOT,
    "bench-data",
    `orders-${opts.lines}-c${opts.customers}-p${opts.products}-s${opts.seed}.csv.gz`
  )
  if (fs.existsSync(file)) {
    log(`dataset ${path.relative(ROOT, file)} already generated`)
  } else {
    const t = Date.now()
    const tmp = `${file}.partial.gz`
    await writeDataset({ ...opts, months: 12, out: tmp })
    fs.renameSync(tmp, file)
    log(`generated ${opts.lines} lines into ${path.relative(ROOT, file)} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }

  const server = await resolvePostgres({ name: "bench-postgres", preferUrl: false })
  try {
    await ensureDatabase(server, opts.db)
    const url = server.url(opts.db)
    const env = { DATABASE_URL: url, NODE_ENV: "development" }
    let t = Date.now()
    await medusaRun(["db:migrate"], { env })
    log(`migrated ${opts.db} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    const before = await importedLines(url)
    if (before >= opts.lines) {
      log(`${opts.db} already holds ${before} imported lines: import skipped`)
    } else {
      t = Date.now()
      log(`importing into ${opts.db} (${before} lines already there)...`)
      await medusaRun(["exec", "./scripts/exec/import-orders.ts", file], { env })
      log(`imported in ${((Date.now() - t) / 1000).toFixed(1)} s`)
      const after = await importedLines(url)
      if (after < opts.lines) {
        throw new Error(`expected ${opts.lines} imported lines, found ${after}`)
      }
    }
    // the importer analyzes after a run; an older or interrupted import may have left no statistics
    t = Date.now()
    const { Client } = require("pg")
    const client = new Client({ connectionString: url })
    await client.connect()
    try {
      await client.query("ANALYZE")
    } finally {
      await client.end()
    }
    log(`analyzed ${opts.db} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    log(`ready: ${url} (total ${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } finally {
    await server.stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:setup] ${e.stack || e}\n`)
  process.exit(1)
})
