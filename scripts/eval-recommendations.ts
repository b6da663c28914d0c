/**
 * Offline evaluation of the recommendation engine against a store-wide bestseller baseline.
 *
 *   npm run eval:recommendations -- <order-lines.csv[.gz]> [--cut 2011-09-01] [--k 10] [--json]
 *
 * Temporal split: lines before the cut date train the engine (co-purchase counts, popularity),
 * lines on or after it are the test. Both recommenders go through the same pure engine as the
 * store route (src/modules/recommendation/utils), with the same hard filters, so neither ever
 * recommends a product the customer bought in the training period. See docs/recommendations.md.
 */
import fs from "fs"
import readline from "readline"
import zlib from "zlib"
import { parseCsvRecord } from "./import/csv"
import { capHistory, countCoPurchases, topNeighbors } from "../src/modules/recommendation/utils/co-purchase"
import { recommend, FallbackList } from "../src/modules/recommendation/utils/engine"
import { DEFAULT_SCORING, ScoringOptions } from "../src/modules/recommendation/utils/scoring"
import { hitRate, ndcgAtK } from "../src/modules/recommendation/utils/metrics"
import { ProductFacts, PurchaseHistoryItem } from "../src/modules/recommendation/utils/types"

type Line = { invoice: string; code: string; quantity: number; date: Date; customer: string }

type Args = {
  file: string
  cut: Date
  k: number
  json: boolean
  neighbors: number
  minSupport: number
  historyCap: number
  scoring: ScoringOptions
}

function parseArgs(argv: string[]): Args {
  const out: Args = {
    file: "",
    cut: new Date("2011-09-01T00:00:00Z"),
    k: 10,
    json: false,
    neighbors: 200,
    minSupport: 2,
    historyCap: 50,
    scoring: { ...DEFAULT_SCORING },
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) {
        throw new Error(`${a} needs a value`)
      }
      return v
    }
    switch (a) {
      case "--cut":
        out.cut = new Date(`${next()}T00:00:00Z`)
        break
      case "--k":
        out.k = Number(next())
        break
      case "--json":
        out.json = true
        break
      case "--neighbors":
        out.neighbors = Number(next())
        break
      case "--min-support":
        out.minSupport = Number(next())
        break
      case "--history-cap":
        out.historyCap = Number(next())
        break
      case "--half-life":
        out.scoring.half_life_days = Number(next())
        break
      case "--alpha":
        out.scoring.alpha = Number(next())
        break
      case "--later-weight":
        out.scoring.later_weight = Number(next())
        break
      case "--blend":
        out.scoring.popularity_blend = Number(next())
        break
      case "--diversity":
        out.scoring.diversity = Number(next())
        break
      case "--repeat-weight":
        out.scoring.repeat_weight = Number(next())
        break
      default:
        if (a.startsWith("--")) {
          throw new Error(`unknown option ${a}`)
        }
        out.file = a
    }
  }
  if (!out.file) {
    throw new Error("usage: eval-recommendations <order-lines.csv[.gz]> [--cut YYYY-MM-DD] [--k 10] [--json]")
  }
  if (Number.isNaN(out.cut.getTime())) {
    throw new Error("--cut must be a date YYYY-MM-DD")
  }
  return out
}

/** Product stock codes start with five digits; POST, M, D, DOT, BANK CHARGES, AMAZONFEE... are not products. */
export function isProductCode(code: string): boolean {
  return /^\d{5}/.test(code)
}

export async function readLines(file: string): Promise<{ lines: Line[]; skipped: Record<string, number> }> {
  let input: NodeJS.ReadableStream = fs.createReadStream(file)
  if (file.endsWith(".gz")) {
    input = input.pipe(zlib.createGunzip())
  }
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  const lines: Line[] = []
  const skipped: Record<string, number> = { guest: 0, cancellation: 0, non_product: 0, non_positive_quantity: 0 }
  let header: string[] | null = null
  let idx: Record<string, number> = {}
  for await (const raw of rl) {
    if (!raw) {
      continue
    }
    const cells = parseCsvRecord(raw)
    if (!cells) {
      throw new Error(`unterminated quoted field: ${raw.slice(0, 80)}`)
    }
    if (!header) {
      header = cells
      idx = Object.fromEntries(header.map((h, i) => [h.trim(), i]))
      for (const col of ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "CustomerID"]) {
        if (idx[col] === undefined) {
          throw new Error(`missing column ${col}`)
        }
      }
      continue
    }
    const invoice = cells[idx.InvoiceNo]
    const code = cells[idx.StockCode]
    const customer = (cells[idx.CustomerID] ?? "").trim()
    const quantity = Number(cells[idx.Quantity])
    if (!customer) {
      skipped.guest++
      continue
    }
    if (invoice.startsWith("C")) {
      skipped.cancellation++
      continue
    }
    if (!isProductCode(code)) {
      skipped.non_product++
      continue
    }
    if (!(quantity > 0)) {
      skipped.non_positive_quantity++
      continue
    }
    const date = new Date(`${cells[idx.InvoiceDate]}Z`)
    lines.push({ invoice, code: code.toUpperCase(), quantity, date, customer: customer.replace(/\.0$/, "") })
  }
  return { lines, skipped }
}

type Report = {
  customers: number
  hit_rate_at_k: number
  ndcg_at_k: number
  catalog_coverage: number
  already_purchased_share: number
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const { lines, skipped } = await readLines(args.file)

  const train = lines.filter((l) => l.date < args.cut)
  const test = lines.filter((l) => l.date >= args.cut)

  // Training history per customer: product -> first and last purchase dates.
  const history = new Map<string, Map<string, { first: Date; last: Date }>>()
  for (const l of train) {
    let h = history.get(l.customer)
    if (!h) {
      h = new Map()
      history.set(l.customer, h)
    }
    const prev = h.get(l.code)
    if (!prev) {
      h.set(l.code, { first: l.date, last: l.date })
    } else {
      if (l.date > prev.last) prev.last = l.date
      if (l.date < prev.first) prev.first = l.date
    }
  }
  const historyItems = new Map<string, (PurchaseHistoryItem & { first_purchased_at: Date })[]>()
  for (const [c, h] of history) {
    historyItems.set(
      c,
      [...h].map(([product_id, d]) => ({ product_id, last_purchased_at: d.last, first_purchased_at: d.first }))
    )
  }

  // Same counts as the store's product_affinity rebuild: most recent products per customer,
  // customers who bought both, and those who came back for the second product later.
  const counts = countCoPurchases([...historyItems.values()].map((h) => capHistory(h, args.historyCap)))
  const neighbors = topNeighbors(counts, args.neighbors, args.minSupport)
  // Best sellers by customers who bought them in the training period (full histories, no cap).
  const buyers = new Map<string, number>()
  for (const h of history.values()) {
    for (const id of h.keys()) {
      buyers.set(id, (buyers.get(id) ?? 0) + 1)
    }
  }
  const catalog = [...buyers.keys()]
  const popular = [...buyers]
    .map(([product_id, count]) => ({ product_id, count }))
    .sort((a, b) => b.count - a.count || (a.product_id < b.product_id ? -1 : 1))
  const facts = new Map<string, ProductFacts>(catalog.map((id) => [id, { published: true, in_sales_channel: true }]))
  const storeFallback: FallbackList = { source: "fallback_store", items: popular.slice(0, 500) }
  // The literal "best sellers": most units sold in the training period.
  const units = new Map<string, number>()
  for (const l of train) {
    units.set(l.code, (units.get(l.code) ?? 0) + l.quantity)
  }
  const unitsFallback: FallbackList = {
    source: "fallback_store",
    items: [...units]
      .map(([product_id, count]) => ({ product_id, count }))
      .sort((a, b) => b.count - a.count || (a.product_id < b.product_id ? -1 : 1))
      .slice(0, 500),
  }

  const testItems = new Map<string, Set<string>>()
  for (const l of test) {
    let s = testItems.get(l.customer)
    if (!s) {
      s = new Set()
      testItems.set(l.customer, s)
    }
    s.add(l.code)
  }
  // Test customers: bought in both periods (the engine needs a history; cold starts get the same
  // store-wide list from both recommenders and are reported separately).
  const testCustomers = [...testItems.keys()].filter((c) => history.has(c)).sort()
  const coldCustomers = [...testItems.keys()].filter((c) => !history.has(c)).length

  const evaluate = (mode: "engine" | "baseline" | "units" | "raw"): Report => {
    const personalized = mode === "engine"
    const rawTop = popular.slice(0, args.k).map((p) => p.product_id)
    let hits = 0
    let ndcg = 0
    let recommended = 0
    let alreadyPurchased = 0
    const covered = new Set<string>()
    for (const c of testCustomers) {
      const h = historyItems.get(c)!
      const out = recommend({
        limit: args.k,
        now: args.cut,
        personalized,
        segment_ids: [],
        history: h,
        max_seeds: args.historyCap,
        anchors: [],
        cart_product_ids: [],
        neighbors: personalized ? neighbors : new Map(),
        item_counts: counts.items,
        facts,
        rules: [],
        fallbacks: [mode === "units" ? unitsFallback : storeFallback],
        objective_id: null,
        scoring: args.scoring,
      })
      // "raw": the same ten best sellers for everyone, without the already-bought filter (for reference)
      const ids = mode === "raw" ? rawTop : out.items.map((i) => i.product_id)
      const bought = history.get(c)!
      const relevant = testItems.get(c)!
      const newRelevant = new Set([...relevant].filter((id) => !bought.has(id)))
      hits += hitRate(ids, relevant)
      ndcg += ndcgAtK(ids, newRelevant, args.k)
      recommended += ids.length
      alreadyPurchased += ids.filter((id) => bought.has(id)).length
      ids.forEach((id) => covered.add(id))
    }
    const n = testCustomers.length || 1
    return {
      customers: testCustomers.length,
      hit_rate_at_k: hits / n,
      ndcg_at_k: ndcg / n,
      catalog_coverage: covered.size / (catalog.length || 1),
      already_purchased_share: recommended ? alreadyPurchased / recommended : 0,
    }
  }

  const engine = evaluate("engine")
  const baseline = evaluate("baseline")
  const raw = evaluate("raw")
  const byUnits = evaluate("units")
  const result = {
    file: args.file,
    cut: args.cut.toISOString().slice(0, 10),
    k: args.k,
    lines: { used: lines.length, train: train.length, test: test.length, skipped },
    catalog: catalog.length,
    cold_start_test_customers: coldCustomers,
    params: {
      neighbors: args.neighbors,
      min_support: args.minSupport,
      history_cap: args.historyCap,
      ...args.scoring,
    },
    engine,
    baseline,
    baseline_unfiltered: raw,
    baseline_by_units: byUnits,
    hit_rate_lift_over_units: byUnits.hit_rate_at_k ? engine.hit_rate_at_k / byUnits.hit_rate_at_k : null,
    hit_rate_lift: baseline.hit_rate_at_k ? engine.hit_rate_at_k / baseline.hit_rate_at_k : null,
    seconds: (Date.now() - started) / 1000,
  }
  if (args.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + "\n")
    return
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`
  const rows: string[][] = [
    ["metric", "engine", "bestseller (customers)", "bestseller (units)", "bestseller, unfiltered (reference)"],
    [
      "test customers",
      String(engine.customers),
      String(baseline.customers),
      String(byUnits.customers),
      String(raw.customers),
    ],
    [
      `hit rate@${args.k}`,
      pct(engine.hit_rate_at_k),
      pct(baseline.hit_rate_at_k),
      pct(byUnits.hit_rate_at_k),
      pct(raw.hit_rate_at_k),
    ],
    [
      `NDCG@${args.k}`,
      engine.ndcg_at_k.toFixed(4),
      baseline.ndcg_at_k.toFixed(4),
      byUnits.ndcg_at_k.toFixed(4),
      raw.ndcg_at_k.toFixed(4),
    ],
    [
      "catalog coverage",
      pct(engine.catalog_coverage),
      pct(baseline.catalog_coverage),
      pct(byUnits.catalog_coverage),
      pct(raw.catalog_coverage),
    ],
    [
      "already purchased",
      pct(engine.already_purchased_share),
      pct(baseline.already_purchased_share),
      pct(byUnits.already_purchased_share),
      pct(raw.already_purchased_share),
    ],
  ]
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length)))
  const out = [
    `order lines: ${args.file}`,
    `cut: ${result.cut} (train ${train.length} lines, test ${test.length} lines; skipped ${JSON.stringify(skipped)})`,
    `catalog: ${catalog.length} products in train; cold-start test customers (no history, not scored): ${coldCustomers}`,
    "",
    ...rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join("  ")),
    "",
    `hit rate lift: ${result.hit_rate_lift?.toFixed(2)}x over best sellers by customers, ${result.hit_rate_lift_over_units?.toFixed(2)}x over best sellers by units (target >= 1.5x) (${result.seconds.toFixed(1)}s)`,
    "best sellers = store-wide, training period, ranked by customers who bought / by units sold, through the same filters;",
    "the unfiltered column repeats the same ten for everyone, already-bought included: hits there include repurchases,",
    "which the engine is not allowed to recommend.",
  ]
  process.stdout.write(out.join("\n") + "\n")
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.message ?? e}\n`)
    process.exit(1)
  })
}
