/**
 * Offline evaluation of what the store serves, against a store-wide bestseller baseline.
 *
 *   npm run eval:recommendations -- <order-lines.csv[.gz]> [--cut 2011-09-01] [--k 10] [--all] [--json]
 *
 * Without `--cut` the cut is the first of the month 13 weeks before the file's last purchase
 * (`defaultCut`: 2011-09-01 on UCI Online Retail, 2017-10-01 on the Complete Journey sample; a short
 * file, whose history would be shorter than that test, is cut so that about its last quarter is the test).
 *
 * Temporal split: lines before the cut date are the store's history, lines on or after it the test.
 * On the history alone the store's own validation (src/modules/recommendation/utils/validation,
 * the same as `npm run recommendations:validate`) chooses the model to serve; then the served
 * model, the engine's default and best sellers are scored on the test, all through the same pure
 * engine and the live route's sizes (200 candidates, a 100-item store fallback), with the same
 * hard filters: none ever recommends a product the customer bought before the cut. `--all` also
 * scores every candidate on the test (how far the served one is from the best). Next to this strict
 * protocol (bought-before products never count), a "re-buy" protocol: windows detected on the
 * history (src/utils/repurchase.ts; a product without its own takes its categories', from an optional
 * `Category` column, as the store's `productWindow` does) become products' repurchase_window_days, and a
 * product bought before counts when bought again after its window (scripts/lib/rebuy-protocol.ts). See
 * docs/recommendations.md.
 */
import fs from "fs"
import readline from "readline"
import zlib from "zlib"
import {
  columnNames,
  headerNames,
  ORDER_LINE_HEADER,
  parseCsvRecord,
  parseCustomerId,
  parseInvoiceDate,
  parseQuantity,
} from "./import/csv"
import { isCancellationInvoice, mostFrequent } from "./import/grouping"
import { isNonProductLine } from "../src/utils/non-product"
import { DEFAULT_SCORING, ScoringOptions } from "../src/modules/recommendation/utils/scoring"
import {
  BEST_SELLERS_KEY,
  CANDIDATES,
  candidateKey,
  CandidateModel,
  EngineSizes,
  LIVE_SIZES,
  neighborsRead,
  PreparedSplit,
  prepareSplit,
  rankScores,
  recommendAt,
  scoreCandidate,
  validateStore,
  ValidationPurchase,
} from "../src/modules/recommendation/utils/validation"
import { detectedWindows, median } from "../src/utils/repurchase"
import { latestTestPurchases, productCategories, scoreRebuy, withRepurchaseWindows } from "./lib/rebuy-protocol"

/** `category`: the line's optional `Category` column (several separated by `|`); absent when the data has none. */
type Line = { invoice: string; code: string; quantity: number; date: Date; customer: string; category?: string }

type Args = {
  file: string
  /** null: `defaultCut` of the file's purchases. */
  cut: Date | null
  k: number
  json: boolean
  all: boolean
  sizes: EngineSizes
  scoring: ScoringOptions
}

function parseArgs(argv: string[]): Args {
  const out: Args = {
    file: "",
    cut: null,
    k: 10,
    json: false,
    all: false,
    sizes: { ...LIVE_SIZES },
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
        out.cut = parseCut(next())
        break
      case "--k":
        out.k = Number(next())
        break
      case "--json":
        out.json = true
        break
      case "--all":
        out.all = true
        break
      case "--neighbors":
        out.sizes.neighbors_per_product = Number(next())
        break
      case "--min-support":
        out.sizes.min_support = Number(next())
        break
      case "--history-cap":
        out.sizes.history_cap = Number(next())
        break
      case "--max-candidates":
        out.sizes.max_candidates = Number(next())
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
  return out
}

/** `--cut`'s value: a real calendar date YYYY-MM-DD, as midnight UTC. */
export function parseCut(value: string): Date {
  const d = new Date(`${value}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new Error(`--cut must be a date YYYY-MM-DD, got "${value}"`)
  }
  return d
}

/** The first and last purchase times (ms); Infinity / -Infinity when there is none. */
function purchaseSpan(purchases: readonly { at: Date }[]): { first: number; last: number } {
  let first = Infinity
  let last = -Infinity
  for (const p of purchases) {
    first = Math.min(first, p.at.getTime())
    last = Math.max(last, p.at.getTime())
  }
  return { first, last }
}

/** Weeks of test a default cut leaves at least: the store's last purchases, as a merchant would look at them. */
export const DEFAULT_TEST_WEEKS = 13

/**
 * The cut when `--cut` is not given: the first day of the month that holds the date DEFAULT_TEST_WEEKS
 * weeks before the last purchase (UCI Online Retail, last purchase 2011-12-09: 2011-09-01; the Complete
 * Journey sample, 2017-12-31: 2017-10-01), when the history before it is at least as long as the test
 * after it. A shorter file (a store's first months, an export of a few weeks) is cut at the UTC midnight
 * that leaves about the last quarter of its span as the test, so any file spanning two days or more gets
 * a cut inside it.
 */
export function defaultCut(purchases: readonly { at: Date }[]): Date {
  const { first, last } = purchaseSpan(purchases)
  const monthly = monthlyCut(purchases)
  if (monthly) {
    return monthly
  }
  const day = 86400000
  const quarter = Math.floor((first + 0.75 * (last - first)) / day) * day
  return new Date(quarter > first ? quarter : quarter + day)
}

/** `defaultCut`'s first rule: the first of the month, or null when the history before it would be shorter than the test. */
export function monthlyCut(purchases: readonly { at: Date }[]): Date | null {
  const { first, last } = purchaseSpan(purchases)
  const d = new Date(last - DEFAULT_TEST_WEEKS * 7 * 86400000)
  const monthly = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  return monthly - first >= last - monthly ? new Date(monthly) : null
}

/** Throws, naming `--cut` and the file's span, unless purchases fall both before the cut and on or after it. */
export function checkCut(purchases: readonly { at: Date }[], cut: Date): void {
  const { first, last } = purchaseSpan(purchases)
  if (!purchases.length) {
    throw new Error("the file has no purchases to evaluate (every line was skipped: see the counts above)")
  }
  if (!(first < cut.getTime() && cut.getTime() <= last)) {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10)
    throw new Error(
      `--cut ${day(cut.getTime())} leaves no ${first >= cut.getTime() ? "history" : "test"}: the file's purchases run from ${day(first)} to ${day(last)}`
    )
  }
}

/**
 * The store's purchases in an order-lines file with the importer's header (columns found by name or
 * the importer's alias, in any order; other columns ignored; an optional `Category` feeds the re-buy protocol), counted as
 * the store counts them: no guest lines (no customer), no lines of cancellation invoices (the
 * importer's `isCancellationInvoice`: they become canceled orders), no non-product lines
 * (src/utils/non-product.ts, the one definition the data audit and `PURCHASE_LINES` use: postage,
 * fees, adjustments, by code or description; any other code is a product, whatever its shape) and no
 * lines with quantity 0 (the importer stores a negative quantity outside a cancellation invoice, an
 * adjustment, as its absolute value, and the store counts that line like any other). Customer ids, quantities and times are read by the importer's own
 * parsers (`parseCustomerId`, `parseQuantity`, `parseInvoiceDate`: times are UK wall-clock times, so
 * the instants are the ones the store holds, and a cut is a UTC midnight), on every line, so a file the
 * importer refuses is refused here, naming the line and field. As the importer makes one order of an
 * invoice, each line takes its invoice's time (its first line's) and customer (the first it names), the
 * values the store's `PURCHASE_LINES` read from the order. A line is non-product by its code, its title
 * (its trimmed description, else its product's title as the importer names it) or its product's title
 * (the importer imports such a product as a draft flagged `non_product`, whose every line the store leaves out). Product codes are kept as
 * written, as the importer keeps "85123A" and "85123a" apart.
 */
export async function readLines(file: string): Promise<{ lines: Line[]; skipped: Record<string, number> }> {
  let input: NodeJS.ReadableStream = fs.createReadStream(file)
  if (file.endsWith(".gz")) {
    input = input.pipe(zlib.createGunzip())
  }
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  const lines: Line[] = []
  const rows: { invoice: string; code: string; quantity: number; description: string | null; category?: string }[] = []
  const orders = new Map<string, { at: number; customer: string | null }>()
  const descriptions = new Map<string, Map<string, number>>()
  const skipped: Record<string, number> = { guest: 0, cancellation: 0, non_product: 0, zero_quantity: 0 }
  let header: string[] | null = null
  let idx: Record<string, number> = {}
  let lineNo = 0
  for await (const raw of rl) {
    lineNo++
    if (!raw) {
      continue
    }
    const cells = parseCsvRecord(raw)
    if (!cells) {
      throw new Error(`line ${lineNo}: unterminated quoted field: ${raw.slice(0, 80)}`)
    }
    if (!header) {
      header = cells
      const at = Object.fromEntries(headerNames(header).map((h, i) => [h, i]))
      idx = { ...at }
      // each column under its own name or an alias (UCI Online Retail II: Invoice, Price, Customer ID)
      for (const field of ORDER_LINE_HEADER) {
        const name = columnNames(field).find((n) => at[n] !== undefined)
        if (name !== undefined) {
          idx[field] = at[name]
        }
      }
      for (const col of ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "CustomerID"] as const) {
        if (idx[col] === undefined) {
          throw new Error(`missing column ${columnNames(col).join(" or ")}`)
        }
      }
      continue
    }
    // every line read by the importer's own field parsers, guests and cancellations included: a file the
    // importer refuses (naming the line and field) is refused here the same way
    const invoice = (cells[idx.InvoiceNo] ?? "").trim()
    const code = (cells[idx.StockCode] ?? "").trim()
    const customer = parseCustomerId(cells[idx.CustomerID] ?? "", lineNo)
    const quantity = parseQuantity(cells[idx.Quantity] ?? "", lineNo)
    const date = parseInvoiceDate(cells[idx.InvoiceDate] ?? "", lineNo)
    if (!code) {
      // the importer skips a line without a code before it groups invoices
      skipped.non_product++
      continue
    }
    // an order is the invoice: dated at its first line, its customer the first the invoice names
    const order = orders.get(invoice)
    if (!order) {
      orders.set(invoice, { at: date.getTime(), customer })
    } else {
      order.at = Math.min(order.at, date.getTime())
      order.customer ??= customer
    }
    // the importer trims every field and keeps an empty description as none; a line without one takes
    // its product's title (the code's most frequent description, else the code), as the imported line does
    const description = (idx.Description === undefined ? "" : (cells[idx.Description] ?? "")).trim() || null
    if (description !== null) {
      let counts = descriptions.get(code)
      if (!counts) {
        counts = new Map()
        descriptions.set(code, counts)
      }
      counts.set(description, (counts.get(description) ?? 0) + 1)
    }
    const category = idx.Category === undefined ? undefined : (cells[idx.Category] ?? "")
    rows.push({ invoice, code, quantity, description, category })
  }
  for (const row of rows) {
    const order = orders.get(row.invoice)!
    if (!order.customer) {
      skipped.guest++
      continue
    }
    if (isCancellationInvoice(row.invoice)) {
      skipped.cancellation++
      continue
    }
    // the line's title, else its product's; the importer flags a product whose own title is non-product
    // (`metadata.non_product`), and the store then leaves out every line of it
    const productTitle = mostFrequent(descriptions.get(row.code) ?? new Map<string, number>()) ?? row.code
    if (
      isNonProductLine({ code: row.code, title: row.description ?? productTitle }) ||
      isNonProductLine({ code: row.code, title: productTitle })
    ) {
      skipped.non_product++
      continue
    }
    if (row.quantity === 0) {
      skipped.zero_quantity++
      continue
    }
    const line: Line = {
      invoice: row.invoice,
      code: row.code,
      quantity: Math.abs(row.quantity),
      date: new Date(order.at),
      customer: order.customer,
    }
    if (row.category !== undefined) {
      line.category = row.category
    }
    lines.push(line)
  }
  return { lines, skipped }
}

type Report = {
  key: string
  label: string
  customers: number
  hit_rate_at_k: number
  ndcg_at_k: number
  catalog_coverage: number
  already_purchased_share: number
}

/** Scores one model on the test period: hit rate and NDCG (as validation does), coverage, already-bought share. */
function report(split: PreparedSplit, model: CandidateModel): Report {
  const { hit_rate, ndcg, customers } = scoreCandidate(split, model)
  let recommended = 0
  let alreadyPurchased = 0
  const covered = new Set<string>()
  for (const c of split.test_customers) {
    const ids = recommendAt(split, c, model)
    const bought = new Set(split.histories.get(c)!.map((h) => h.product_id))
    recommended += ids.length
    alreadyPurchased += ids.filter((id) => bought.has(id)).length
    ids.forEach((id) => covered.add(id))
  }
  return {
    key: model.key,
    label: model.label,
    customers,
    hit_rate_at_k: hit_rate,
    ndcg_at_k: ndcg,
    catalog_coverage: covered.size / (split.counts.items.size || 1),
    already_purchased_share: recommended ? alreadyPurchased / recommended : 0,
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const { lines, skipped } = await readLines(args.file)
  const purchases: ValidationPurchase[] = lines.map((l) => ({
    customer_id: l.customer,
    product_id: l.code,
    at: l.date,
  }))
  const cut = args.cut ?? defaultCut(purchases)
  checkCut(purchases, cut)
  const history = purchases.filter((p) => p.at < cut)

  // What the store would serve at the cut: its own validation, on its history only.
  const validationStarted = Date.now()
  const validation = validateStore(history, { sizes: args.sizes })
  const validationSeconds = (Date.now() - validationStarted) / 1000
  const asModel = (key: string): CandidateModel => {
    const c = validation.candidates.find((x) => x.key === key)
    return c ? { key, label: c.label, scoring: c.scoring } : CANDIDATES.find((x) => x.key === BEST_SELLERS_KEY)!
  }
  const served = asModel(validation.chosen)
  // the choice the previous rule (the engine's default kept unless beaten at 5%) makes on the same outcomes
  const previous = validation.previous_rule_chosen ? asModel(validation.previous_rule_chosen) : served
  const engine: CandidateModel = { key: candidateKey(args.scoring), label: "engine default", scoring: args.scoring }
  const bestSellers = CANDIDATES.find((c) => c.key === BEST_SELLERS_KEY)!

  const split = prepareSplit(purchases, cut, args.sizes, args.k, Infinity, neighborsRead(CANDIDATES, args.sizes))
  const servedReport = report(split, served)
  const previousReport = previous.key === served.key ? servedReport : report(split, previous)
  const engineReport = report(split, engine)
  const baseline = report(split, bestSellers)
  const all = args.all ? rankScores(CANDIDATES.map((c) => scoreCandidate(split, c))) : null
  // the re-buy protocol: windows from the history only, each product judged by its own or its
  // categories' window as the store judges it (productWindow)
  const categoriesOf = productCategories(lines)
  const ownWindows = detectedWindows(history)
  const windows = detectedWindows(history, categoriesOf)
  const windowed = withRepurchaseWindows(split, windows)
  const tested = latestTestPurchases(purchases, split)
  const rebuy = [served, engine, bestSellers].map((m) => scoreRebuy(windowed, m, windows, tested))
  const coldCustomers =
    new Set(purchases.filter((p) => p.at >= cut).map((p) => p.customer_id)).size - split.test_customers.length

  const result = {
    file: args.file,
    cut: cut.toISOString().slice(0, 10),
    cut_default: args.cut === null,
    cut_rule:
      args.cut !== null
        ? "--cut"
        : monthlyCut(purchases)
          ? `the first of the month ${DEFAULT_TEST_WEEKS} weeks before the last purchase`
          : "a short file: about its last quarter is the test",
    k: args.k,
    lines: { used: lines.length, history: history.length, test: lines.length - history.length, skipped },
    catalog: split.counts.items.size,
    cold_start_test_customers: coldCustomers,
    sizes: args.sizes,
    validation,
    served: servedReport,
    previous_rule: previousReport,
    engine: engineReport,
    baseline,
    candidates_on_test: all,
    rebuy: {
      products_with_window: windows.size,
      products_with_own_window: ownWindows.size,
      products_with_categories: categoriesOf.size,
      median_window_days: median([...windows.values()]),
      served: rebuy[0],
      engine: rebuy[1],
      baseline: rebuy[2],
    },
    served_lift: baseline.hit_rate_at_k ? servedReport.hit_rate_at_k / baseline.hit_rate_at_k : null,
    engine_lift: baseline.hit_rate_at_k ? engineReport.hit_rate_at_k / baseline.hit_rate_at_k : null,
    validation_seconds: validationSeconds,
    seconds: (Date.now() - started) / 1000,
  }
  if (args.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + "\n")
    return
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`
  const cols = [servedReport, engineReport, baseline]
  const rows: string[][] = [
    ["metric", `served: ${served.label}`, "engine default", "best sellers (customers)"],
    ["test customers", ...cols.map((r) => String(r.customers))],
    [`hit rate@${args.k}`, ...cols.map((r) => pct(r.hit_rate_at_k))],
    [`NDCG@${args.k}`, ...cols.map((r) => r.ndcg_at_k.toFixed(4))],
    ["catalog coverage", ...cols.map((r) => pct(r.catalog_coverage))],
    ["already purchased", ...cols.map((r) => pct(r.already_purchased_share))],
    [`re-buy: hit rate@${args.k}`, ...rebuy.map((r) => pct(r.hit_rate))],
    ["re-buy: hits only from re-buys", ...rebuy.map((r) => pct(r.rebuy_only_hit_rate))],
    ["re-buy: items bought before", ...rebuy.map((r) => pct(r.rebuy_items_share))],
  ]
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)))
  const v = validation.sufficiency
  const out = [
    `order lines: ${args.file}`,
    `cut: ${result.cut}${result.cut_default ? ` (default: ${result.cut_rule}; --cut to choose)` : ""} (history ${history.length} lines, test ${result.lines.test} lines; skipped ${JSON.stringify(skipped)})`,
    `catalog: ${split.counts.items.size} products in history; cold-start test customers (no history, not scored): ${coldCustomers}`,
    `validation on the history only: ${v.sufficient ? `last ${v.validation_weeks} weeks, ${v.test_customers} customers` : "insufficient data"}; served ${validation.chosen} (${validationSeconds.toFixed(1)}s, ${validation.candidates.length} candidates)`,
    `  ${validation.reason}`,
    `previous choice rule (the engine's default kept unless beaten at 5%): ${previous.key}, hit rate@${args.k} on the test ${pct(previousReport.hit_rate_at_k)}`,
    "",
    ...rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join("  ")),
    "",
    `re-buy protocol: ${windows.size} products with a window detected on the history (median ${result.rebuy.median_window_days ?? "-"} days; ${
      categoriesOf.size
        ? `${ownWindows.size} their own, ${windows.size - ownWindows.size} from their categories (${categoriesOf.size} products with a category)`
        : "no categories in the data (no Category column): product windows only"
    }); a product bought before counts when bought again after its window`,
    `strict: served / best sellers: ${result.served_lift?.toFixed(2)}x; engine default / best sellers: ${result.engine_lift?.toFixed(2)}x (${result.seconds.toFixed(1)}s)`,
    ...(all
      ? [
          "",
          `every candidate on the test period (best first; the served one is chosen on the history only):`,
          ...all.map(
            (s) =>
              `  ${pct(s.hit_rate).padStart(7)}  ${s.ndcg.toFixed(4)}  ${s.label}${s.key === served.key ? "  <- served" : ""}`
          ),
        ]
      : []),
  ]
  process.stdout.write(out.join("\n") + "\n")
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.message ?? e}\n`)
    process.exit(1)
  })
}
