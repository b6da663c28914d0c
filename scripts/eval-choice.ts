/**
 * Backtest of the validation's choice rule and candidate set over many cuts, so a rule is chosen on
 * cuts other than the ones it is judged on.
 *
 *   npm run eval:choice -- <order-lines.csv[.gz]> --cuts 2011-03-01,2011-04-01 [--out .eval-choice] [--judge 2011-06-01,...]
 *     [--sizes max_seeds=100,...] [--no-extra] [--validation-customers 3000] [--enough 500]
 *
 * `--sizes` changes the engine's sizes (the module options the live route reads with) for the cuts
 * computed; `--no-extra` scores only the 25 served candidates; `--validation-customers` caps the validation's
 * sample at another size than MAX_VALIDATION_CUSTOMERS; `--enough` sets the customers a validation period
 * needs (SPLIT_THRESHOLDS.enough: the shortest period of VALIDATION_WEEKS with that many is used). Use a separate `--out` per setting.
 *
 * Per cut (cached in `--out`, one JSON per file and cut): the store's own validation on the history
 * before the cut (`chooseSplit`, `prepareSplit`, every candidate's per-customer hits, as
 * `validateStore` computes them) and every candidate's hit rate@10 on the test period after the cut
 * (as `eval:recommendations --all`). Candidates: the 25 served today plus `EXTRA_CANDIDATES` (the
 * purchase-day decay on every RP3beta grid point). Then each rule x candidate set (the 25, the 40, and
 * the 25 with each extra candidate alone, under the served rule) is applied to the
 * cached validation outcomes and scored by the test hit rate of what it would serve: its regret
 * against the best candidate of the set on the test, per cut and on average over the cuts not named
 * in `--judge` (the development cuts). Pure: no database.
 */
import fs from "fs"
import path from "path"
import {
  BEST_SELLERS_KEY,
  CANDIDATES,
  CandidateModel,
  CandidateOutcome,
  chooseModel,
  EngineSizes,
  chooseSplit,
  evaluateCandidate,
  LIVE_SIZES,
  MAX_VALIDATION_CUSTOMERS,
  neighborsRead,
  prepareSplit,
  rp3beta,
  SPLIT_THRESHOLDS,
  VALIDATION_K,
  ValidationPurchase,
} from "../src/modules/recommendation/utils/validation"
import { readLines } from "./eval-recommendations"

/** The purchase-day decay (half-life 5 and 10 purchase days) on every RP3beta grid point. */
export const EXTRA_CANDIDATES: CandidateModel[] = [0.15, 0.5].flatMap((alpha) =>
  [0.5, 0.7].flatMap((beta) =>
    [0.8, 1].flatMap((diversity) =>
      [5, 10].map((half_life_orders) => rp3beta({ alpha, beta, diversity, decay: "orders", half_life_orders }))
    )
  )
)

type CutResult = {
  file: string
  cut: string
  weeks: number | null
  validation_customers: number
  test_customers: number
  seconds: number
  validation: { key: string; hit_rate: number; ndcg: number; hits: string }[]
  test: { key: string; hit_rate: number; ndcg: number }[]
}

function allCandidates(): CandidateModel[] {
  const seen = new Set(CANDIDATES.map((c) => c.key))
  return [...CANDIDATES, ...EXTRA_CANDIDATES.filter((c) => !seen.has(c.key))]
}

/** The engine's sizes with `--sizes name=value,...` applied (e.g. `max_seeds=100`), names checked. */
export function sizesWith(changes: string | undefined): EngineSizes {
  const sizes: EngineSizes = { ...LIVE_SIZES }
  for (const pair of changes ? changes.split(",") : []) {
    const [name, value] = pair.split("=")
    if (!(name in sizes) || !/^\d+$/.test(value ?? "")) {
      throw new Error(`--sizes: ${pair} is not name=integer with a name of ${Object.keys(sizes).join(", ")}`)
    }
    sizes[name as keyof EngineSizes] = Number(value)
  }
  return sizes
}

function computeCut(
  file: string,
  purchases: ValidationPurchase[],
  cut: Date,
  sizes: EngineSizes,
  extra: boolean,
  maxCustomers: number,
  thresholds: { enough: number; minimum: number }
): CutResult {
  const started = Date.now()
  const candidates = extra ? allCandidates() : [...CANDIDATES]
  const history = purchases.filter((p) => p.at < cut)
  const split = chooseSplit(history, thresholds)
  const read = neighborsRead(candidates, sizes)
  let validation: CutResult["validation"] = []
  let validationCustomers = 0
  if (split) {
    const prepared = prepareSplit(history, split.cut, sizes, VALIDATION_K, maxCustomers, read)
    validationCustomers = prepared.test_customers.length
    validation = candidates.map((c) => {
      const o = evaluateCandidate(prepared, c)
      return { key: c.key, hit_rate: o.hit_rate, ndcg: o.ndcg, hits: Buffer.from(o.hits).toString("base64") }
    })
  }
  const test = prepareSplit(purchases, cut, sizes, VALIDATION_K, Infinity, read)
  const result: CutResult = {
    file: path.basename(file),
    cut: cut.toISOString().slice(0, 10),
    weeks: split?.weeks ?? null,
    validation_customers: validationCustomers,
    test_customers: test.test_customers.length,
    seconds: 0,
    validation,
    test: candidates.map((c) => {
      const o = evaluateCandidate(test, c)
      return { key: c.key, hit_rate: o.hit_rate, ndcg: o.ndcg }
    }),
  }
  return { ...result, seconds: (Date.now() - started) / 1000 }
}

type Rule = { name: string; choose: (outcomes: CandidateOutcome[], weeks: number) => string }

/** The rules compared: the served one and the previous one (the engine's default kept unless beaten at 5%). */
export const RULES: Rule[] = [
  { name: "no default privilege (served)", choose: (o, w) => chooseModel(o, w).chosen.key },
  {
    name: "default kept unless beaten at 5% (previous)",
    choose: (o, w) => chooseModel(o, w, { keep_default: true }).chosen.key,
  },
]

function decode(r: CutResult, keys: Set<string>): CandidateOutcome[] {
  return r.validation
    .filter((v) => keys.has(v.key))
    .map((v) => ({
      key: v.key,
      label: v.key,
      scoring: null,
      hit_rate: v.hit_rate,
      ndcg: v.ndcg,
      customers: r.validation_customers,
      hits: new Uint8Array(Buffer.from(v.hits, "base64")),
    }))
}

/** A flag's value as a positive integer, or an error naming the flag. */
function positiveInt(flag: string, value: string | undefined): number {
  if (!/^[1-9]\d*$/.test(value ?? "")) {
    throw new Error(`${flag}: ${value} is not a positive integer`)
  }
  return Number(value)
}

function parseArgs(argv: string[]) {
  const out = {
    files: [] as string[],
    cuts: [] as string[],
    dir: ".eval-choice",
    judge: new Set<string>(),
    sizes: undefined as string | undefined,
    extra: true,
    validationCustomers: MAX_VALIDATION_CUSTOMERS,
    enough: SPLIT_THRESHOLDS.enough,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === "--cuts") out.cuts = argv[++i].split(",")
    else if (a === "--out") out.dir = argv[++i]
    else if (a === "--judge") out.judge = new Set(argv[++i].split(","))
    else if (a === "--sizes") out.sizes = argv[++i]
    else if (a === "--no-extra") out.extra = false
    else if (a === "--validation-customers") out.validationCustomers = positiveInt(a, argv[++i])
    else if (a === "--enough") out.enough = positiveInt(a, argv[++i])
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`)
    else out.files.push(a)
  }
  return out
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const sizes = sizesWith(args.sizes)
  fs.mkdirSync(args.dir, { recursive: true })
  for (const file of args.files) {
    const todo = args.cuts.filter((c) => !fs.existsSync(path.join(args.dir, `${path.basename(file)}-${c}.json`)))
    if (!todo.length) continue
    const { lines } = await readLines(file)
    const purchases = lines.map((l) => ({ customer_id: l.customer, product_id: l.code, at: l.date }))
    for (const c of todo) {
      const r = computeCut(file, purchases, new Date(`${c}T00:00:00Z`), sizes, args.extra, args.validationCustomers, {
        ...SPLIT_THRESHOLDS,
        enough: args.enough,
      })
      fs.writeFileSync(path.join(args.dir, `${r.file}-${c}.json`), JSON.stringify(r))
      process.stderr.write(`${r.file} ${c}: ${r.seconds.toFixed(0)} s\n`)
    }
  }
  const results: CutResult[] = fs
    .readdirSync(args.dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(args.dir, f), "utf8")))
    .sort((a, b) => (a.file + a.cut < b.file + b.cut ? -1 : 1))
  const base = new Set(CANDIDATES.map((c) => c.key))
  // `screen`: summarised under the served rule only, without per-cut lines (each extra candidate alone)
  const sets: { name: string; keys: Set<string>; screen?: boolean }[] = [
    { name: `${base.size} (served today)`, keys: base },
    {
      name: `${allCandidates().length} (+ purchase-day RP3beta grid)`,
      keys: new Set(allCandidates().map((c) => c.key)),
    },
    ...allCandidates()
      .filter((c) => !base.has(c.key))
      .map((c) => ({ name: `${base.size} + ${c.key}`, keys: new Set([...base, c.key]), screen: true })),
  ]
  // a set is summarised only where every cut scored all of its candidates (`--no-extra` caches hold 25)
  const complete = sets.filter((set) =>
    results.every((r) => [...set.keys].every((k) => r.test.some((t) => t.key === k)))
  )
  const pct = (x: number) => (x * 100).toFixed(2)
  const lines: string[] = []
  const summary: string[] = []
  const files = [...new Set(results.map((r) => r.file))]
  for (const file of files) {
    for (const set of complete) {
      for (const rule of set.screen ? RULES.slice(0, 1) : RULES) {
        const dev = { n: 0, regret: 0, within: 0, served: 0, regretAll: 0 }
        const judged = { n: 0, regret: 0, within: 0, served: 0, regretAll: 0 }
        for (const r of results.filter((x) => x.file === file)) {
          const test = new Map(r.test.filter((t) => set.keys.has(t.key)).map((t) => [t.key, t.hit_rate]))
          const bestTest = Math.max(...test.values())
          const bestAll = Math.max(...r.test.map((t) => t.hit_rate))
          const chosen = r.weeks === null ? BEST_SELLERS_KEY : rule.choose(decode(r, set.keys), r.weeks)
          const hr = test.get(chosen)!
          const regret = bestTest - hr
          const bucket = args.judge.has(r.cut) ? judged : dev
          bucket.n++
          bucket.regret += regret
          bucket.within += regret <= 0.01 ? 1 : 0
          bucket.served += hr
          bucket.regretAll += bestAll - hr
          if (set.screen) {
            continue
          }
          lines.push(
            `| ${set.name} | ${rule.name} | ${r.file} | ${r.cut}${args.judge.has(r.cut) ? " (judged)" : ""} | ${chosen} | ${pct(hr)}% | ${pct(bestTest)}% | ${pct(regret)} | ${pct(test.get(BEST_SELLERS_KEY)!)}% |`
          )
        }
        const cells = (b: typeof dev) =>
          `${b.n} | ${pct(b.served / (b.n || 1))}% | ${pct(b.regret / (b.n || 1))} | ${pct(b.regretAll / (b.n || 1))} | ${b.within}`
        summary.push(`| ${file} | ${set.name} | ${rule.name} | ${cells(dev)} | ${cells(judged)} |`)
      }
    }
  }
  process.stdout.write(
    [
      "| candidates | rule | data | cut | served | served test HR@10 | best of the set | regret (points) | best sellers |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...lines,
      "",
      "| data | candidates | rule | development cuts | mean served HR@10 | mean regret vs the set's best (points) | vs the best of all | within 1 point | judged cuts | mean served HR@10 | mean regret | vs all | within 1 point |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...summary,
      "",
    ].join("\n")
  )
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`)
    process.exit(1)
  })
}
