import { Client } from "pg"
import fs from "fs"
import path from "path"
import readline from "readline"
import zlib from "zlib"
import { compileRules, membersQuery, previewQuery, RuleNode, rfmGroup } from "../../src/modules/segment/utils"

/**
 * Segment counts on the imported UCI Online Retail data equal an independent computation over
 * the CSV itself (written here, not through the plugin): orders = non-"C" invoices with a
 * CustomerID, total = sum(|Quantity| * UnitPrice), dates = InvoiceDate as UK local time (the importer's
 * contract, UK local time converted to UTC). Only invoices present in the database are counted, so a partial import still
 * compares like with like (the coverage is printed).
 */
jest.setTimeout(900 * 1000)

const URL = process.env.DATASET_DATABASE_URL || "postgres://postgres@localhost:5432/personalization_online_retail"
const CSV =
  process.env.ONLINE_RETAIL_CSV || path.join(__dirname, "..", "..", "..", "shared", "datasets", "online_retail.csv.gz")
const OUT = path.join(__dirname, "..", "..", ".cache", "segments-dataset.json")
const DAY = 86400000

type Order = { customer: string; at: number; total: number; lines: { code: string; qty: number }[] }

function splitCsv(line: string): string[] {
  const out: string[] = []
  let cur = ""
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        cur += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ",") {
      out.push(cur)
      cur = ""
    } else {
      cur += ch
    }
  }
  out.push(cur)
  return out
}

async function readOrders(imported: Set<string>): Promise<Map<string, Order>> {
  const orders = new Map<string, Order>()
  const rl = readline.createInterface({
    input: fs.createReadStream(CSV).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  })
  let header = true
  for await (const line of rl) {
    if (header) {
      header = false
      continue
    }
    const [invoice, code, , qty, date, price, customer] = splitCsv(line)
    if (!customer || invoice.startsWith("C") || !imported.has(invoice)) {
      continue
    }
    const q = Math.abs(Number(qty))
    let o = orders.get(invoice)
    if (!o) {
      o = { customer: String(Math.round(Number(customer))), at: ukLocalToUtc(date), total: 0, lines: [] }
      orders.set(invoice, o)
    }
    o.total += q * Number(price)
    o.lines.push({ code, qty: q })
  }
  return orders
}

/** Last Sunday of a month (0-based) at 01:00 UTC: when UK summer time starts/ends. */
function lastSunday1amUtc(year: number, month: number): number {
  const d = new Date(Date.UTC(year, month + 1, 0, 1))
  d.setUTCDate(d.getUTCDate() - d.getUTCDay())
  return d.getTime()
}

/** InvoiceDate is UK local time (GMT, or BST = UTC+1 in summer); the importer stores it as UTC. */
function ukLocalToUtc(s: string): number {
  const naive = Date.parse(s + "Z")
  const year = new Date(naive).getUTCFullYear()
  const bst = naive - 3600000 >= lastSunday1amUtc(year, 2) && naive - 3600000 < lastSunday1amUtc(year, 9)
  return bst ? naive - 3600000 : naive
}

function percentileCont(sorted: number[], p: number): number {
  const pos = (sorted.length - 1) * p
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

describe("segments on online_retail: plugin counts = independent CSV computation", () => {
  const client = new Client({ connectionString: URL })
  let now: Date
  let orders: Map<string, Order>
  const figures: Record<string, unknown> = {}

  beforeAll(async () => {
    await client.connect()
    const { rows } = await client.query(
      `select metadata->>'invoice_no' as invoice from "order" where deleted_at is null and metadata->>'invoice_no' is not null`
    )
    if (!rows.length) throw new Error(`no imported orders in ${URL}: run npm run import first`)
    const imported = new Set(rows.map((r) => String(r.invoice)))
    orders = await readOrders(imported)
    const last = await client.query(`select max(created_at) as t from "order" where deleted_at is null`)
    now = new Date(new Date(last.rows[0].t).getTime() + 1000)
    figures.imported_invoices = imported.size
    figures.counted_orders_from_csv = orders.size
    figures.now = now.toISOString()
  })

  afterAll(async () => {
    await client.end()
    fs.mkdirSync(path.dirname(OUT), { recursive: true })
    fs.writeFileSync(OUT, JSON.stringify(figures, null, 2))
    process.stdout.write(`segments dataset figures: ${JSON.stringify(figures)}\n`)
  })

  async function pluginMembers(rules: RuleNode): Promise<Set<string>> {
    const q = membersQuery(compileRules(rules, { now, currency: "gbp" }))
    const { rows } = await client.query(
      `select c.email from customer c where c.id in (select m.id from (${q.sql}) m)`,
      q.params as unknown[]
    )
    return new Set(rows.map((r) => /^customer-(\d+)@/.exec(r.email)?.[1] ?? r.email))
  }

  function perCustomer(filter: (o: Order) => boolean = () => true) {
    const m = new Map<string, { n: number; total: number; last: number }>()
    for (const o of orders.values()) {
      if (!filter(o)) continue
      const c = m.get(o.customer) ?? { n: 0, total: 0, last: 0 }
      c.n++
      c.total += o.total
      c.last = Math.max(c.last, o.at)
      m.set(o.customer, c)
    }
    return m
  }

  const sorted = (s: Iterable<string>) => [...s].sort()

  it("3+ orders in the last 90 days and AOV above 150", async () => {
    const since = now.getTime() - 90 * DAY
    const recent = perCustomer((o) => o.at >= since)
    const all = perCustomer()
    const expected = [...all.entries()]
      .filter(([id, c]) => (recent.get(id)?.n ?? 0) >= 3 && c.total / c.n > 150)
      .map(([id]) => id)
    const rules: RuleNode = {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
        { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
      ],
    }
    const got = await pluginMembers(rules)
    figures.aov_segment = { expected: expected.length, plugin: got.size }
    expect(sorted(got)).toEqual(sorted(expected))

    const p = previewQuery(compileRules(rules, { now, currency: "gbp" }), 20)
    const { rows } = await client.query(p.sql, p.params as unknown[])
    expect(rows[0].counts.matched).toBe(expected.length)
    const customersWithoutRecent3 =
      (await client.query(`select count(*)::int n from customer where deleted_at is null`)).rows[0].n -
      [...all.keys()].filter((id) => (recent.get(id)?.n ?? 0) >= 3).length
    expect(rows[0].counts.excluded[0]).toBe(customersWithoutRecent3)
  })

  it("total spent above 5000, and days since last order at most 30", async () => {
    const all = perCustomer()
    const big = [...all.entries()].filter(([, c]) => c.total > 5000).map(([id]) => id)
    expect(
      sorted(await pluginMembers({ type: "condition", attribute: "total_spent", operator: "gt", value: 5000 }))
    ).toEqual(sorted(big))
    const recent = [...all.entries()]
      .filter(([, c]) => Math.floor((now.getTime() - c.last) / DAY) <= 30)
      .map(([id]) => id)
    expect(
      sorted(await pluginMembers({ type: "condition", attribute: "days_since_last_order", operator: "lte", value: 30 }))
    ).toEqual(sorted(recent))
    figures.total_spent_gt_5000 = big.length
    figures.days_since_last_lte_30 = recent.length
  })

  it("bought at least 24 white hanging hearts (85123A), and never bought them", async () => {
    const { rows } = await client.query(`select id from product where handle = 'sc-85123a' and deleted_at is null`)
    if (!rows.length) {
      figures.hearts = "product sc-85123a not imported yet"
      return
    }
    const qty = new Map<string, number>()
    for (const o of orders.values()) {
      for (const l of o.lines) {
        if (l.code === "85123A") qty.set(o.customer, (qty.get(o.customer) ?? 0) + l.qty)
      }
    }
    const expected = [...qty.entries()].filter(([, q]) => q >= 24).map(([id]) => id)
    const got = await pluginMembers({
      type: "condition",
      attribute: "products_purchased",
      operator: "any",
      value: [rows[0].id],
      min_quantity: 24,
    })
    expect(sorted(got)).toEqual(sorted(expected))
    const buyers = new Set(perCustomer().keys())
    const never = [...buyers].filter((id) => !qty.has(id))
    const gotNever = await pluginMembers({
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 1 },
        { type: "condition", attribute: "products_purchased", operator: "none", value: [rows[0].id] },
      ],
    })
    expect(sorted(gotNever)).toEqual(sorted(never))
    figures.hearts = { at_least_24: expected.length, never: never.length }
  })

  it("RFM champions and hibernating match quintiles computed from the CSV", async () => {
    const all = [...perCustomer().entries()]
    const r = all.map(([, c]) => Math.floor((now.getTime() - c.last) / DAY))
    const f = all.map(([, c]) => c.n)
    const rq = [...r].sort((a, b) => a - b)
    const fq = [...f].sort((a, b) => a - b)
    const cuts = (s: number[]) => [0.2, 0.4, 0.6, 0.8].map((p) => percentileCont(s, p))
    const [r1, r2, r3, r4] = cuts(rq)
    const [f1, f2, f3, f4] = cuts(fq)
    const group = new Map<string, string>()
    all.forEach(([id], i) => {
      const rs = 1 + Number(r[i] < r4) + Number(r[i] < r3) + Number(r[i] < r2) + Number(r[i] < r1)
      const fs = 1 + Number(f[i] > f1) + Number(f[i] > f2) + Number(f[i] > f3) + Number(f[i] > f4)
      group.set(id, rfmGroup(rs, fs))
    })
    const counts: Record<string, number> = {}
    for (const g of ["champions", "hibernating", "at_risk"]) {
      const expected = [...group.entries()].filter(([, x]) => x === g).map(([id]) => id)
      const got = await pluginMembers({ type: "condition", attribute: "rfm_group", operator: "eq", value: g })
      expect({ g, members: sorted(got) }).toEqual({ g, members: sorted(expected) })
      counts[g] = expected.length
    }
    figures.rfm = counts
  })
})
