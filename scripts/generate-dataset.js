#!/usr/bin/env node
// Deterministic generator of order lines in the UCI "Online Retail" CSV shape
// (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country).
//
//   node scripts/generate-dataset.js [--lines 40000] [--customers 3000] [--products 500]
//                                    [--seed 42] [--months 12] [--end YYYY-MM-DD] [--out bench-data/orders.csv.gz]
//
// Same options -> same bytes (seeded PRNG, no clock, no Math.random). `.gz` output is gzipped.
// Structure that downstream features rely on:
// - repeat buyers: every customer has >= 1 invoice, extra invoices follow a heavy-tailed
//   (Pareto) activity weight; a few percent are "VIP" buyers with large baskets (AOV > 150 GBP)
//   and >= 3 invoices in the last 90 days of the span;
// - products belong to themes; a basket mostly draws from one of the buyer's favourite themes
//   (plus a sibling theme), so item-to-item co-purchase carries signal beyond bestsellers;
//   popularity is Zipf-like (long tail);
// - deliberate gaps: guest invoices (~20% of lines), missing descriptions, zero prices,
//   cancellations ("C" invoices, negative quantities), non-product codes (POST, DOT, M,
//   BANK CHARGES) and no categories (the shape has none).
const fs = require("fs")
const path = require("path")
const zlib = require("zlib")

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
const DAY = 24 * 3600 * 1000
const START = Date.UTC(2010, 11, 1) // 2010-12-01, like the UCI file

const THEMES = [
  "RETROSPOT",
  "VINTAGE PAISLEY",
  "REGENCY",
  "SPACEBOY",
  "WOODLAND",
  "JUNGLE",
  "DOLLY GIRL",
  "CHRISTMAS",
  "HEART OF WICKER",
  "SKULL",
  "PARTY BUNTING",
  "GINGHAM",
  "POLKADOT",
  "ENGLISH ROSE",
  "SWEETHEART",
  "ANTIQUE SILVER",
  "BAROQUE",
  "CAKE STAND",
  "GARDEN",
  "FAIRY CAKE",
  "PANTRY",
  "JAM MAKING",
  "ALPHABET",
  "LOVE BIRD",
  "BLUE OWL",
  "PINK OWL",
  "SPOTTY",
  "STRAWBERRY",
  "CHERRY",
  "LEMON",
  "HANGING HEART",
  "STAR",
  "SNOWFLAKE",
  "BIRD",
  "BUTTERFLY",
  "ZINC",
  "ENAMEL",
  "FRENCH",
  "MOROCCAN",
  "BOHEMIAN",
  "RETRO",
  "KITCHEN",
  "RECIPE",
  "PICNIC",
  "SEASIDE",
  "TEA TIME",
  "TOADSTOOL",
  "RED RETROSPOT",
  "PAPER CHAIN",
  "CHILDRENS",
  "GLASS",
  "CERAMIC",
  "CANDLE",
  "LANTERN",
  "DOORMAT",
  "WALL ART",
  "FELTCRAFT",
  "SILVER",
  "GOLD",
  "IVORY",
]
const COLOURS = ["", "RED", "PINK", "BLUE", "GREEN", "WHITE", "IVORY", "BLACK", "CREAM", "ASSORTED", "PASTEL"]
const NOUNS = [
  "LUNCH BAG",
  "MUG",
  "TEA CUP AND SAUCER",
  "CAKE TIN",
  "JUMBO BAG",
  "NAPKINS",
  "PLATE",
  "BOWL",
  "T-LIGHT HOLDER",
  "PHOTO FRAME",
  "WATER BOTTLE",
  "DOORSTOP",
  "CUSHION COVER",
  "PURSE",
  "NOTEBOOK",
  "WRAP",
  "GIFT BOX",
  "BUNTING",
  "HANGING DECORATION",
  "CLOCK",
  "TRINKET BOX",
  "SIGN",
  "APRON",
  "OVEN GLOVE",
  "STORAGE JAR",
  "JEWELLERY BOX",
  "CANDLE HOLDER",
  "PARASOL",
  "STICKERS",
  "CHALKBOARD",
]
const PRICES = [
  0.42, 0.55, 0.65, 0.79, 0.85, 1.25, 1.45, 1.65, 1.95, 2.1, 2.55, 2.95, 3.25, 3.75, 4.25, 4.95, 5.95, 7.95, 8.5, 9.95,
  12.75, 14.95, 18.95,
]
const PRICE_WEIGHTS = [3, 5, 5, 6, 8, 10, 8, 9, 8, 6, 8, 7, 5, 6, 4, 5, 4, 3, 2, 2, 1, 1, 0.5]
const QUANTITIES = [1, 2, 3, 4, 6, 8, 10, 12, 24, 48]
const QUANTITY_WEIGHTS = [14, 10, 6, 8, 10, 4, 5, 14, 6, 2]
const COUNTRIES = [
  ["United Kingdom", 88],
  ["Germany", 2.5],
  ["France", 2.2],
  ["EIRE", 1.8],
  ["Spain", 0.7],
  ["Netherlands", 0.6],
  ["Belgium", 0.6],
  ["Switzerland", 0.5],
  ["Portugal", 0.4],
  ["Australia", 0.3],
  ["Norway", 0.3],
  ["Italy", 0.3],
  ["Channel Islands", 0.2],
  ["Finland", 0.2],
  ["Cyprus", 0.15],
  ["Sweden", 0.15],
  ["Austria", 0.1],
  ["Denmark", 0.1],
  ["Japan", 0.1],
  ["Poland", 0.1],
  ["USA", 0.05],
  ["Unspecified", 0.05],
]

// sfc32 seeded by splitmix32: small, fast and well distributed; no dependency.
function createRng(seed) {
  let s = seed >>> 0
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = split(),
    b = split(),
    c = split(),
    d = split()
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const rng = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    // Samples an index from a cumulative weight array.
    cumulative: (cum) => {
      const x = next() * cum[cum.length - 1]
      let lo = 0
      let hi = cum.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cum[mid] > x) hi = mid
        else lo = mid + 1
      }
      return lo
    },
    // Geometric-ish count >= 1 with the given mean.
    count: (mean) => {
      if (mean <= 1) return 1
      const p = 1 / mean
      return 1 + Math.floor(Math.log(1 - next()) / Math.log(1 - p))
    },
  }
  return rng
}

function cumulate(weights) {
  const cum = new Float64Array(weights.length)
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]
    cum[i] = total
  }
  return cum
}

function pad(n, w = 2) {
  return String(n).padStart(w, "0")
}

function formatDate(ms) {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`
}

function csvField(s) {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function parseArgs(argv) {
  const opts = { lines: 40000, customers: 3000, products: 500, seed: 42, months: 12, out: null }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i])
    if (!m) throw new Error(`unexpected argument ${argv[i]}`)
    const key = m[1]
    const value = m[2] !== undefined ? m[2] : argv[++i]
    if (!(key in opts) && key !== "end") throw new Error(`unknown option --${key}`)
    if (value === undefined) throw new Error(`--${key} needs a value`)
    if (key === "end") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || isNaN(Date.parse(`${value}T00:00:00Z`))) {
        throw new Error("--end must be a date YYYY-MM-DD")
      }
      opts.end = value
      continue
    }
    opts[key] = key === "out" ? value : Number(value)
    if (key !== "out" && (!Number.isInteger(opts[key]) || opts[key] < 1)) {
      throw new Error(`--${key} must be a positive integer`)
    }
  }
  if (opts.lines > 5000000) throw new Error("--lines is limited to 5,000,000")
  return opts
}

function buildCatalog(rng, productCount) {
  const themeCount = Math.max(3, Math.min(400, Math.round(productCount / 12)))
  const themes = []
  for (let t = 0; t < themeCount; t++) {
    const base = THEMES[t % THEMES.length]
    themes.push({
      name: t < THEMES.length ? base : `${base} ${Math.floor(t / THEMES.length) + 1}`,
      products: [],
      weight: 0,
    })
  }
  // Stock codes: distinct 5-digit numbers (6 digits past 89,999 products), ~8% with a letter.
  const step = Math.max(1, Math.floor(89999 / productCount))
  const priceCum = cumulate(PRICE_WEIGHTS)
  const products = []
  const seen = new Set()
  for (let i = 0; i < productCount; i++) {
    const theme = i % themeCount
    const number = 10000 + ((i * step) % Math.max(90000, productCount)) + (productCount > 89999 ? 100000 : 0)
    const code = rng.chance(0.08) ? `${number}${"ABCDE"[rng.int(5)]}` : String(number)
    let description = `${rng.pick(COLOURS)} ${themes[theme].name} ${rng.pick(NOUNS)}`.trim()
    if (seen.has(description)) description = `${description} ${code}`
    seen.add(description)
    products.push({ code, description, price: PRICES[rng.cumulative(priceCum)], theme, weight: 0 })
  }
  // Zipf-like popularity over a random ranking: a long tail.
  const order = products.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  order.forEach((p, rank) => {
    products[p].weight = 1 / Math.pow(rank + 1, 0.9)
  })
  products.forEach((p, i) => {
    themes[p.theme].products.push(i)
    themes[p.theme].weight += p.weight
  })
  for (const t of themes) {
    t.cum = cumulate(t.products.map((i) => products[i].weight))
    t.sibling = rng.int(themeCount)
  }
  return {
    products,
    themes,
    globalCum: cumulate(products.map((p) => p.weight)),
    themeCum: cumulate(themes.map((t) => t.weight)),
  }
}

/**
 * Generates the dataset and calls `emit(line)` for the header and each row, in invoice order.
 * `emit` may return a promise (backpressure); it is awaited.
 */
async function generate(options, emit) {
  const opts = { lines: 40000, customers: 3000, products: 500, seed: 42, months: 12, ...options }
  const rng = createRng(opts.seed)
  const span = Math.round((opts.months * 365.25) / 12) * DAY
  // --end: the history ends at that date's first instant (UTC), so a demo whose history ends today
  // has no order dated later than now; else the UCI dates.
  const start = opts.end ? Date.parse(`${opts.end}T00:00:00Z`) - span : START
  const end = start + span
  const catalog = buildCatalog(rng, opts.products)
  const { products, themes } = catalog
  const countryCum = cumulate(COUNTRIES.map((c) => c[1]))

  // Customers.
  const customers = []
  for (let i = 0; i < opts.customers; i++) {
    const favourites = [rng.cumulative(catalog.themeCum)]
    const extra = rng.int(3)
    for (let k = 0; k < extra; k++) favourites.push(rng.cumulative(catalog.themeCum))
    const vip = rng.chance(0.04)
    customers.push({
      id: String(12346 + i),
      country: COUNTRIES[rng.cumulative(countryCum)][0],
      favourites,
      vip,
      // Pareto activity (alpha ~1.3): most buy once or twice, a few buy dozens of times.
      activity: Math.min(200, 1 / Math.pow(1 - rng.next(), 1 / 1.3)) * (vip ? 3 : 1),
      basket: vip ? 2 : 0.6 + rng.next() * 0.9,
      qty: vip ? 6 : rng.chance(0.1) ? 3 : 1,
      first: start + rng.next() * span * 0.85,
    })
  }

  // Invoice headers: registered invoices (every customer >= 1, VIPs >= 3 in the last 90
  // days), then guest invoices, sized so the total is exactly opts.lines.
  const guestLines = Math.round(opts.lines * 0.2)
  const registeredLines = opts.lines - guestLines
  const perCustomer = 2.6
  let registeredInvoices = Math.round(opts.customers * perCustomer)
  const meanBasket = Math.max(1.5, registeredLines / registeredInvoices)
  registeredInvoices = Math.max(1, Math.round(registeredLines / meanBasket))
  const invoices = []
  const vipRecent = []
  const activityCum = cumulate(customers.map((c) => c.activity))
  const counts = new Uint32Array(customers.length)
  const base = Math.min(customers.length, registeredInvoices)
  for (let i = 0; i < base; i++) counts[i] = 1
  for (let i = base; i < registeredInvoices; i++) counts[rng.cumulative(activityCum)]++
  const season = (t) => {
    // More orders towards November, fewer in winter; no Saturdays (as in the source).
    const month = new Date(t).getUTCMonth()
    return month >= 8 && month <= 10 ? 1 : month === 11 || month <= 1 ? 0.6 : 0.75
  }
  const sampleTime = (from, to) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const day = Math.floor((from + rng.next() * (to - from) - start) / DAY)
      const t = start + day * DAY
      if (new Date(t).getUTCDay() === 6) continue
      if (rng.next() > season(t)) continue
      const minutes = 7 * 60 + Math.floor(((rng.next() + rng.next()) / 2) * 13 * 60)
      return Math.min(to - 60000, Math.max(from, t + minutes * 60000))
    }
    return from + Math.floor(rng.next() * (to - from))
  }
  customers.forEach((c, i) => {
    let n = counts[i]
    if (c.vip && n > 0) {
      const recent = Math.max(3, Math.min(n, 3 + rng.int(3)))
      for (let k = 0; k < recent; k++) {
        vipRecent.push({ t: sampleTime(end - 89 * DAY, end), customer: i, size: 0, cancel: false })
      }
      n = Math.max(0, n - recent)
    }
    for (let k = 0; k < n; k++) {
      invoices.push({ t: sampleTime(c.first, end), customer: i, size: 0, cancel: false })
    }
  })
  invoices.push(...vipRecent)
  const guestInvoices = Math.max(guestLines > 0 ? 1 : 0, Math.round(guestLines / (meanBasket * 1.6)))
  for (let i = 0; i < guestInvoices; i++) {
    invoices.push({ t: sampleTime(start, end), customer: -1, size: 0, cancel: false })
  }
  // Basket sizes, then exact adjustment to the requested number of lines per group.
  const fit = (list, total, mean) => {
    if (!list.length) return
    let sum = 0
    for (const inv of list) {
      const c = inv.customer >= 0 ? customers[inv.customer] : null
      inv.size = rng.count(mean * (c ? c.basket : 1))
      sum += inv.size
    }
    while (sum !== total) {
      const inv = list[rng.int(list.length)]
      if (sum > total && inv.size > 1) {
        const d = Math.min(inv.size - 1, sum - total, 1 + rng.int(4))
        inv.size -= d
        sum -= d
      } else if (sum < total) {
        const d = Math.min(total - sum, 1 + rng.int(4))
        inv.size += d
        sum += d
      } else if (list.every((x) => x.size === 1)) {
        break
      }
    }
  }
  const registered = invoices.filter((x) => x.customer >= 0)
  const guests = invoices.filter((x) => x.customer < 0)
  fit(registered, registered.length ? registeredLines : 0, meanBasket)
  fit(guests, guests.length ? opts.lines - registered.reduce((s, x) => s + x.size, 0) : 0, meanBasket * 1.6)
  // ~2% of registered invoices are cancellations (of recent items of the same customer).
  for (const inv of registered) {
    if (rng.chance(0.02)) inv.cancel = true
  }
  invoices.sort((a, b) => a.t - b.t || a.customer - b.customer)

  const lastItems = new Map() // customer -> product indexes of the last invoice
  const pickFrom = (theme) => themes[theme].products[rng.cumulative(themes[theme].cum)]
  await emit(HEADER)
  let invoiceNo = 536365
  for (const inv of invoices) {
    const c = inv.customer >= 0 ? customers[inv.customer] : null
    const number = inv.cancel ? `C${invoiceNo}` : String(invoiceNo)
    invoiceNo++
    const date = formatDate(inv.t)
    const country = c ? c.country : rng.chance(0.95) ? "United Kingdom" : COUNTRIES[rng.cumulative(countryCum)][0]
    const customerId = c ? c.id : ""
    const theme = c
      ? rng.chance(0.85)
        ? rng.pick(c.favourites)
        : rng.cumulative(catalog.themeCum)
      : rng.cumulative(catalog.themeCum)
    const chosen = new Set()
    const previous = c ? lastItems.get(inv.customer) : undefined
    const items = []
    for (let k = 0; k < inv.size; k++) {
      let p
      for (let attempt = 0; attempt < 6; attempt++) {
        const r = rng.next()
        if (inv.cancel && previous && previous.length) p = rng.pick(previous)
        else if (r < 0.7) p = pickFrom(theme)
        else if (r < 0.82) p = pickFrom(themes[theme].sibling)
        else p = rng.cumulative(catalog.globalCum)
        if (!chosen.has(p)) break
      }
      chosen.add(p)
      items.push(p)
    }
    if (c && !inv.cancel) lastItems.set(inv.customer, items)
    for (let k = 0; k < items.length; k++) {
      const product = products[items[k]]
      let code = product.code
      let description = product.description
      let price = product.price
      let quantity = QUANTITIES[rng.cumulative(QUANTITY_CUM)] * (c ? c.qty : 1)
      const last = k === items.length - 1 && items.length > 1
      if (last && c && c.country !== "United Kingdom" && rng.chance(0.35)) {
        code = "POST"
        description = "POSTAGE"
        price = rng.pick([18, 28, 40])
        quantity = 1 + rng.int(3)
      } else if (last && !c && rng.chance(0.03)) {
        code = "DOT"
        description = "DOTCOM POSTAGE"
        price = Math.round((20 + rng.next() * 600) * 100) / 100
        quantity = 1
      } else if (last && rng.chance(0.003)) {
        code = "M"
        description = "Manual"
        price = Math.round((0.5 + rng.next() * 40) * 100) / 100
        quantity = 1
      } else if (last && rng.chance(0.001)) {
        code = "BANK CHARGES"
        description = "Bank Charges"
        price = 15
        quantity = 1
      } else if (!c && rng.chance(0.012)) {
        // Damaged/lost stock lines: no description, no price, no customer.
        description = ""
        price = 0
      } else if (rng.chance(0.002)) {
        price = 0
      } else if (quantity >= 24 && price > 1) {
        price = Math.round(price * 0.85 * 100) / 100
      }
      if (inv.cancel) quantity = -quantity
      await emit(
        `${number},${csvField(code)},${csvField(description)},${quantity},${date},${price.toFixed(2)},${customerId},${csvField(country)}`
      )
    }
  }
}
const QUANTITY_CUM = cumulate(QUANTITY_WEIGHTS)

async function writeDataset(opts) {
  const out = path.resolve(opts.out)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const file = fs.createWriteStream(out)
  const gz = /\.gz$/i.test(out)
  const stream = gz ? zlib.createGzip({ level: 6 }) : file
  if (gz) stream.pipe(file)
  let buffer = []
  let count = -1
  const flush = async () => {
    if (!stream.write(buffer.join("\n") + "\n")) {
      await new Promise((resolve) => stream.once("drain", resolve))
    }
    buffer = []
  }
  await generate(opts, (line) => {
    buffer.push(line)
    count++
    if (buffer.length >= 10000) return flush()
  })
  if (buffer.length) await flush()
  await new Promise((resolve, reject) => {
    file.once("finish", resolve)
    file.once("error", reject)
    stream.end()
  })
  return { out, lines: count }
}

module.exports = { generate, writeDataset, createRng, parseArgs, HEADER }

if (require.main === module) {
  let opts
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`${e.message}\n`)
    process.exit(2)
  }
  opts.out = opts.out || path.join("bench-data", `orders-${opts.lines}.csv.gz`)
  const started = Date.now()
  writeDataset(opts)
    .then(({ out, lines }) => {
      process.stdout.write(
        `wrote ${lines} lines (${opts.customers} customers, ${opts.products} products, seed ${opts.seed}) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
      )
    })
    .catch((e) => {
      process.stderr.write(`${e.stack || e}\n`)
      process.exit(1)
    })
}
