import type { Logger, MedusaContainer, RegionCountryDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createDefaultsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { statSync } from "fs"
import { ImportFileError, OrderLineRow } from "./csv"
import {
  ImportIndexBuilder,
  ImportPlanBuilder,
  PlannedCustomer,
  PlannedInvoice,
  PlannedProduct,
  assembleInvoices,
  assertUniqueHandles,
  chunk,
  countryCode,
  emailForCustomer,
} from "./grouping"
import { createEntityIdGenerator } from "./entity-id"
import { copyOrders } from "./order-copy-writer"
import { OrderRowsInput, insertOrders } from "./order-writer"
import type { Progress } from "./progress"
import { readOrderLines } from "./read-order-lines"
import { isNonProductLine } from "../../src/utils/non-product"

export type ImportOrderLinesOptions = {
  /** Path to a `.csv` or `.csv.gz` file. */
  file: string
  /**
   * How orders are written: "copy" (default; PostgreSQL COPY, products and customers in large
   * batches) or "previous" (multi-row INSERTs, the batch sizes before; kept for `bench:import`).
   */
  writer?: ImportWriter
  /** Invoices per order-writing transaction. Default 2000 (copy) or 500 (previous). */
  batchSize?: number
  /** Read only the first `limit` data rows of the file (prefix measurements). */
  limit?: number
  /** Log progress every this many invoices when there is no `onProgress`. Default 2000. */
  progressEvery?: number
  /** Progress of each phase (read in file bytes, then products, customers, orders); replaces the periodic logs. */
  onProgress?: (p: Progress) => void
}

export type ImportWriter = "copy" | "previous"

/**
 * Batch sizes per writer (the previous importer's, and the COPY importer's larger ones) and how
 * many order batches are written at once; `customerIds`: customer ids drawn by the importer.
 */
export const WRITER_BATCHES: Record<
  ImportWriter,
  { products: number; customers: number; invoices: number; writesInFlight: number; customerIds: boolean }
> = {
  previous: { products: 200, customers: 500, invoices: 500, writesInFlight: 1, customerIds: false },
  copy: { products: 1000, customers: 2000, invoices: 2000, writesInFlight: 2, customerIds: true },
}

type CreatedExisting = { created: number; existing: number }

/** What an import did. `orders` counts every invoice; guest and canceled orders are subsets of it. */
export type ImportOrderLinesSummary = {
  file: string
  rowsRead: number
  invoices: number
  linesImported: number
  linesAlreadyPresent: number
  rowsSkipped: Record<string, number>
  products: CreatedExisting
  customers: CreatedExisting
  orders: CreatedExisting
  guestOrders: CreatedExisting
  canceledOrders: CreatedExisting
  regionId: string
  salesChannelId: string
  writer: ImportWriter
  durationMs: number
  /** Peak resident set size of the process (MB) when the import ended. */
  peakRssMb: number
  /** Peak RSS (MB) of the process so far at the end of each phase: where the memory went. */
  peakRssMbAfter: Record<string, number>
  /** Milliseconds per phase: read (parse + validate + group), setup, products, customers, orders. */
  phaseMs: Record<string, number>
  /** CPU milliseconds of this process per phase (user + system): its own work, apart from waiting. */
  phaseCpuMs: Record<string, number>
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return Math.round((user + system) / 1000)
}
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

const LOOKUP_BATCH = 1000
const newId = createEntityIdGenerator()

/** The file's rows, validated, up to `limit` of them (both passes read the same rows). */
async function* readRows(
  file: string,
  limit: number,
  onBytes?: (done: number, total: number) => void
): AsyncGenerator<OrderLineRow> {
  let n = 0
  for await (const row of readOrderLines(file, onBytes)) {
    if (n++ >= limit) {
      return
    }
    yield row
  }
}

const fileStamp = (file: string) => {
  const s = statSync(file, { throwIfNoEntry: false })
  return s ? `${s.size}:${s.mtimeMs}` : "missing"
}

async function* fromList<T>(items: T[]): AsyncGenerator<T> {
  yield* items
}

export type StoreContext = { regionId: string; salesChannelId: string }
export type VariantRef = { productId: string; variantId: string | null; title: string; handle: string }

/**
 * Imports an order-lines CSV (UCI Online Retail shape) into Medusa's product, customer and
 * order modules as docs/data-contract.md describes. Idempotent: a second run adds nothing.
 */
export async function importOrderLines(
  container: MedusaContainer,
  options: ImportOrderLinesOptions
): Promise<ImportOrderLinesSummary> {
  const started = Date.now()
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const writer = options.writer ?? "copy"
  const batches = WRITER_BATCHES[writer]
  const batchSize = Math.max(1, options.batchSize ?? batches.invoices)
  const progressEvery = Math.max(1, options.progressEvery ?? 2000)
  const report = (phase: string, done: number, total: number, unit?: string) => {
    options.onProgress?.({ phase, done, total, unit })
  }
  const limit = options.limit ?? Infinity

  const phaseMs: Record<string, number> = {}
  const phaseCpuMs: Record<string, number> = {}
  let cpuMark = cpuMs()
  const peakRssMbAfter: Record<string, number> = {}
  let mark = started
  const phase = (name: string) => {
    const now = Date.now()
    phaseMs[name] = now - mark
    const cpu = cpuMs()
    phaseCpuMs[name] = cpu - cpuMark
    cpuMark = cpu
    peakRssMbAfter[name] = peakRssMb()
    mark = now
  }

  // Pass 1: read and validate the whole file before writing anything (a malformed file imports
  // nothing), keeping only compact indexes (products, customers, invoice headers and line counts).
  // The previous writer keeps every line too (its one-pass plan).
  const plan = writer === "previous" ? new ImportPlanBuilder() : null
  const index = plan ?? new ImportIndexBuilder()
  const stamp = fileStamp(options.file)
  const onBytes = options.onProgress ? (done: number, total: number) => report("read", done, total, "B") : undefined
  for await (const row of readRows(options.file, limit, onBytes)) {
    index.add(row)
    if (!options.onProgress && index.rowsRead % 100000 === 0) {
      logger.info(`import: read ${index.rowsRead} rows`)
    }
  }
  const products = index.productList()
  assertUniqueHandles(products)
  const customers = index.customerList()
  phase("read")
  logger.info(
    `import: ${index.rowsRead} rows, ${index.invoiceCount} invoices, ${products.length} stock codes, ${customers.length} customers`
  )

  // 2. Store, sales channel, GBP region (reused when present).
  const store = await ensureStoreContext(container, logger)
  phase("setup")

  // 3. Products, customers, then orders that point at them.
  const productStats = await importProducts(container, products, store, logger, report, batches.products)
  phase("products")
  const customerStats = await importCustomers(container, customers, report, batches.customers, batches.customerIds)
  phase("customers")
  // Pass 2 (COPY writer): the file again, each invoice handed to the writer once its lines are all
  // read, batch by batch. The previous writer takes its invoices from the in-memory plan.
  const invoices = (skip: (invoiceNo: string) => boolean): AsyncIterable<PlannedInvoice> => {
    if (plan) {
      return fromList(plan.invoiceList().filter((inv) => !skip(inv.invoiceNo)))
    }
    if (fileStamp(options.file) !== stamp) {
      throw new ImportFileError(0, null, `${options.file} changed since it was validated; run the import again`)
    }
    return assembleInvoices(readRows(options.file, limit), index, skip)
  }
  const orderStats = await importOrders(
    container,
    index,
    invoices,
    productStats.byStockCode,
    customerStats.byCustomerId,
    store,
    {
      batchSize,
      progressEvery,
      logger,
      report,
      write: writer === "copy" ? copyOrders : insertOrders,
      writesInFlight: batches.writesInFlight,
      quiet: !!options.onProgress,
    }
  )
  phase("orders")

  const summary: ImportOrderLinesSummary = {
    file: options.file,
    rowsRead: index.rowsRead,
    invoices: index.invoiceCount,
    linesImported: orderStats.linesImported,
    linesAlreadyPresent: orderStats.linesAlreadyPresent,
    rowsSkipped: index.skipped,
    products: productStats.counts,
    customers: customerStats.counts,
    orders: orderStats.orders,
    guestOrders: orderStats.guestOrders,
    canceledOrders: orderStats.canceledOrders,
    regionId: store.regionId,
    salesChannelId: store.salesChannelId,
    writer,
    durationMs: Date.now() - started,
    peakRssMb: peakRssMb(),
    peakRssMbAfter,
    phaseMs,
    phaseCpuMs,
  }
  return summary
}

/** Human-readable summary lines (the exec script logs them). */
export function formatImportSummary(s: ImportOrderLinesSummary): string[] {
  const ce = (c: CreatedExisting) => `${c.created} created, ${c.existing} already present`
  const skipped = Object.entries(s.rowsSkipped)
  return [
    `file: ${s.file}`,
    `rows read: ${s.rowsRead} (${s.invoices} invoices)`,
    `products: ${ce(s.products)}`,
    `customers: ${ce(s.customers)}`,
    `orders: ${ce(s.orders)}`,
    `  of which guest orders: ${ce(s.guestOrders)}`,
    `  of which canceled orders: ${ce(s.canceledOrders)}`,
    `lines imported: ${s.linesImported} (${s.linesAlreadyPresent} in orders already present)`,
    `rows skipped: ${skipped.length ? skipped.map(([reason, n]) => `${reason}: ${n}`).join(", ") : "none"}`,
    `writer: ${s.writer}, peak RSS ${s.peakRssMb} MB (after ${Object.entries(s.peakRssMbAfter)
      .map(([k, mb]) => `${k} ${mb}`)
      .join(", ")})`,
    `time: ${(s.durationMs / 1000).toFixed(1)} s (${Object.entries(s.phaseMs)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(", ")}); CPU of this process: ${Object.entries(s.phaseCpuMs)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(", ")}`,
  ]
}

async function ensureStoreContext(container: MedusaContainer, logger: Logger): Promise<StoreContext> {
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const regionModule = container.resolve(Modules.REGION)

  let [store] = await storeModule.listStores({}, { relations: ["supported_currencies"], take: 1 })
  if (!store) {
    await createDefaultsWorkflow(container).run()
    ;[store] = await storeModule.listStores({}, { relations: ["supported_currencies"], take: 1 })
  }

  let salesChannelId = store.default_sales_channel_id ?? null
  if (salesChannelId) {
    const found = await salesChannelModule.listSalesChannels({ id: salesChannelId })
    if (!found.length) {
      salesChannelId = null
    }
  }
  if (!salesChannelId) {
    const [existing] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" })
    if (existing) {
      salesChannelId = existing.id
    } else {
      const { result } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
      })
      salesChannelId = result[0].id
    }
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { default_sales_channel_id: salesChannelId } },
    })
  }

  // The history is in GBP: a store with no orders yet becomes a GBP store (segments and objectives
  // created without a currency use the store's default); a store already trading keeps its default.
  const currencies = store.supported_currencies ?? []
  const [anyOrder] = await container.resolve(Modules.ORDER).listOrders({}, { select: ["id"], take: 1 })
  const gbpDefault = !anyOrder || currencies.length === 0
  const isGbpDefault = currencies.some((c) => c.currency_code === "gbp" && c.is_default)
  if (!currencies.some((c) => c.currency_code === "gbp") || (gbpDefault && !isGbpDefault)) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            ...currencies
              .filter((c) => c.currency_code !== "gbp")
              .map((c) => ({ currency_code: c.currency_code, is_default: gbpDefault ? false : c.is_default })),
            { currency_code: "gbp", is_default: gbpDefault },
          ],
        },
      },
    })
    logger.info(`import: GBP is ${gbpDefault ? "the default" : "a"} store currency`)
  }

  let [region] = await regionModule.listRegions({ currency_code: "gbp" }, { take: 1 })
  if (!region) {
    const [gb] = (await regionModule.listCountries({ iso_2: "gb" })) as (RegionCountryDTO & {
      region_id?: string | null
    })[]
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: "United Kingdom",
            currency_code: "gbp",
            countries: gb && !gb.region_id ? ["gb"] : [],
          },
        ],
      },
    })
    region = result[0]
    logger.info(`import: created the GBP region ${region.id}`)
  }
  return { regionId: region.id, salesChannelId }
}

async function importProducts(
  container: MedusaContainer,
  products: PlannedProduct[],
  store: StoreContext,
  logger: Logger,
  report: (phase: string, done: number, total: number) => void,
  batchSize: number
) {
  const productModule = container.resolve(Modules.PRODUCT)
  const byStockCode = new Map<string, VariantRef>()
  const remember = (
    p: { id: string; handle: string; title: string; variants?: { id: string; sku?: string | null }[] | null },
    stockCode: string
  ) => {
    const variant = p.variants?.find((v) => v.sku === stockCode) ?? p.variants?.[0]
    byStockCode.set(stockCode, {
      productId: p.id,
      variantId: variant?.id ?? null,
      title: p.title,
      handle: p.handle,
    })
  }

  const byHandle = new Map(products.map((p) => [p.handle, p]))
  for (const handles of chunk([...byHandle.keys()], LOOKUP_BATCH)) {
    const existing = await productModule.listProducts(
      { handle: handles },
      { select: ["id", "handle", "title"], relations: ["variants"] }
    )
    for (const p of existing) {
      remember(p, byHandle.get(p.handle)!.stockCode)
    }
  }
  const missing = products.filter((p) => !byStockCode.has(p.stockCode))
  let done = 0
  // Products go through createProductsWorkflow (`batchSize` per run): it creates the products, the
  // variants' price sets and the product<->sales channel and variant<->price set links exactly
  // as the admin does. Runs are not overlapped: the phase is CPU-bound in this process
  // (docs/performance.md), so a second run in flight only interleaves with the first.
  for (const batch of chunk(missing, batchSize)) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: batch.map((p) => {
          // postage, fees and adjustments (src/utils/non-product.ts) keep their product, so every line
          // keeps its link, but as a draft flagged `non_product`: no storefront lists them for sale
          const nonProduct = isNonProductLine({ code: p.stockCode, title: p.title })
          return {
            title: p.title,
            handle: p.handle,
            status: nonProduct ? ("draft" as const) : ("published" as const),
            metadata: {
              stock_code: p.stockCode,
              ...(nonProduct ? { non_product: true } : {}),
              ...(p.missingDescription ? { missing_description: true } : {}),
              ...(p.missingPrice ? { missing_price: true } : {}),
            },
            options: [{ title: "Default", values: ["Default"] }],
            variants: [
              {
                title: "Default",
                sku: p.stockCode,
                manage_inventory: false,
                options: { Default: "Default" },
                metadata: { stock_code: p.stockCode },
                prices: [{ amount: p.price, currency_code: "gbp" }],
              },
            ],
            sales_channels: [{ id: store.salesChannelId }],
          }
        }),
      },
    })
    for (const p of result) {
      remember(p, (p.metadata as { stock_code: string }).stock_code)
    }
    done += batch.length
    report("products", done, missing.length)
  }
  if (missing.length) {
    logger.info(`import: created ${missing.length} products`)
  }
  return {
    byStockCode,
    counts: { created: missing.length, existing: products.length - missing.length },
  }
}

async function importCustomers(
  container: MedusaContainer,
  customers: PlannedCustomer[],
  report: (phase: string, done: number, total: number) => void,
  batchSize: number,
  drawIds: boolean
) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const byEmail = new Map(customers.map((c) => [c.email, c]))
  const byCustomerId = new Map<string, string>()
  for (const emails of chunk([...byEmail.keys()], LOOKUP_BATCH)) {
    const existing = await customerModule.listCustomers({ email: emails }, { select: ["id", "email", "has_account"] })
    // Prefer the registered customer when a guest with the same email exists too.
    existing.sort((a, b) => Number(a.has_account) - Number(b.has_account))
    for (const c of existing) {
      const planned = byEmail.get(c.email!)
      if (planned) {
        byCustomerId.set(planned.customerId, c.id)
      }
    }
  }
  const missing = customers.filter((c) => !byCustomerId.has(c.customerId))
  let done = 0
  // Customers have no links to other modules: the module's bulk createCustomers is enough. Their
  // ids are drawn like the order writer's (entity-id.ts; the module keeps a given id, as it does
  // on upserts): Medusa's own generator spent ~20% of this phase's CPU on random bytes.
  for (const batch of chunk(missing, batchSize)) {
    const created = await customerModule.createCustomers(
      batch.map((c) => ({
        ...(drawIds ? { id: newId("cus") } : {}),
        email: c.email,
        has_account: true,
        metadata: { source_customer_id: c.customerId, ...(c.country ? { country: c.country } : {}) },
        addresses: [
          {
            ...(drawIds ? { id: newId("cuaddr") } : {}),
            address_name: "Default",
            country_code: c.countryCode ?? undefined,
            is_default_shipping: true,
            is_default_billing: true,
            metadata: c.country ? { country: c.country } : undefined,
          },
        ],
      }))
    )
    for (const c of created) {
      byCustomerId.set((c.metadata as { source_customer_id: string }).source_customer_id, c.id)
    }
    done += batch.length
    report("customers", done, missing.length)
  }
  return {
    byCustomerId,
    counts: { created: missing.length, existing: customers.length - missing.length },
  }
}

async function existingInvoiceNumbers(container: MedusaContainer): Promise<Set<string>> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  // One query for all of them: the order module cannot filter on a metadata key.
  const rows: { invoice_no: string }[] = await knex("order")
    .select(knex.raw("metadata->>'invoice_no' as invoice_no"))
    .whereNull("deleted_at")
    .whereRaw("metadata->>'invoice_no' is not null")
  return new Set(rows.map((r) => r.invoice_no))
}

async function importOrders(
  container: MedusaContainer,
  index: ImportIndexBuilder,
  invoices: (skip: (invoiceNo: string) => boolean) => AsyncIterable<PlannedInvoice>,
  products: Map<string, VariantRef>,
  customers: Map<string, string>,
  store: StoreContext,
  opts: {
    batchSize: number
    progressEvery: number
    logger: Logger
    report: (phase: string, done: number, total: number) => void
    write: (container: MedusaContainer, orders: OrderRowsInput[]) => Promise<string[]>
    /** Batches written at once; the next batch is read meanwhile. */
    writesInFlight: number
    quiet: boolean
  }
) {
  const present = await existingInvoiceNumbers(container)
  const stats = {
    orders: { created: 0, existing: 0 },
    guestOrders: { created: 0, existing: 0 },
    canceledOrders: { created: 0, existing: 0 },
    linesImported: 0,
    linesAlreadyPresent: 0,
  }
  let todo = 0
  for (const inv of index.invoiceHeaders()) {
    if (present.has(inv.invoiceNo)) {
      stats.orders.existing++
      if (!inv.customerId) stats.guestOrders.existing++
      if (inv.canceled) stats.canceledOrders.existing++
      stats.linesAlreadyPresent += inv.lineCount
    } else {
      todo++
    }
  }

  // Orders are written in batches of `batchSize` invoices, one transaction each, by copyOrders
  // (COPY) or insertOrders (INSERT; see order-writer.ts for why not the order module's createOrders, and never
  // createOrderWorkflow: that one takes a cart-like order at a time with price lookups, tax,
  // inventory reservations, payment collections and events). Orders reference customers,
  // regions and sales channels by id columns, so no module links are needed.
  let done = 0
  let nextLog = opts.progressEvery
  const writing = new Set<Promise<void>>()
  const write = async (batch: PlannedInvoice[]) => {
    await opts.write(
      container,
      batch.map((inv) => buildOrderInput(inv, products, customers, store))
    )
    for (const inv of batch) {
      stats.orders.created++
      if (!inv.customerId) stats.guestOrders.created++
      if (inv.canceled) stats.canceledOrders.created++
      stats.linesImported += inv.lines.length
    }
    done += batch.length
    opts.report("orders", done, todo)
    if (!opts.quiet && (done >= nextLog || done === todo)) {
      opts.logger.info(`import: ${done}/${todo} orders (${stats.linesImported} lines)`)
      nextLog = done + opts.progressEvery
    }
  }
  // Up to `writesInFlight` batches are written at once (each on its own connection), while the
  // next batch is read.
  const flush = async (batch: PlannedInvoice[]) => {
    while (writing.size >= opts.writesInFlight) {
      await Promise.race(writing)
    }
    const done: Promise<void> = write(batch).then(
      () => {
        writing.delete(done)
      },
      (e) => {
        writing.delete(done)
        throw e
      }
    )
    // Observed now (so a failure while the next batch is read is no unhandled rejection), thrown
    // at the next await.
    done.catch(() => undefined)
    writing.add(done)
  }
  let batch: PlannedInvoice[] = []
  try {
    for await (const inv of invoices((invoiceNo) => present.has(invoiceNo))) {
      batch.push(inv)
      if (batch.length >= opts.batchSize) {
        await flush(batch)
        batch = []
      }
    }
    if (batch.length) {
      await flush(batch)
    }
  } finally {
    // A failed read must not leave writes running unobserved (their own failure wins if both fail).
    await Promise.all(writing)
  }
  return stats
}

/** The order (with its line items) one invoice becomes; also valid input for orderModule.createOrders. */
export function buildOrderInput(
  inv: PlannedInvoice,
  products: Map<string, VariantRef>,
  customers: Map<string, string>,
  store: StoreContext
): OrderRowsInput {
  const customerId = inv.customerId ? customers.get(inv.customerId) : undefined
  const code = countryCode(inv.country)
  return {
    region_id: store.regionId,
    sales_channel_id: store.salesChannelId,
    currency_code: "gbp",
    customer_id: customerId,
    email: inv.customerId ? emailForCustomer(inv.customerId) : undefined,
    status: inv.canceled ? ("canceled" as const) : ("completed" as const),
    created_at: inv.date,
    ...(inv.canceled ? { canceled_at: inv.date } : {}),
    shipping_address: {
      ...(code ? { country_code: code } : {}),
      ...(inv.country ? { metadata: { country: inv.country } } : {}),
    },
    metadata: {
      invoice_no: inv.invoiceNo,
      ...(inv.country ? { country: inv.country } : {}),
      ...(inv.customerId ? { source_customer_id: inv.customerId } : { guest: true }),
      ...(inv.canceled ? { cancellation: true } : {}),
    },
    items: inv.lines.map((line) => {
      const ref = products.get(line.stockCode)!
      return {
        title: line.description ?? ref.title,
        product_id: ref.productId,
        variant_id: ref.variantId ?? undefined,
        product_title: ref.title,
        product_handle: ref.handle,
        variant_sku: line.stockCode,
        variant_title: "Default",
        quantity: Math.abs(line.quantity),
        unit_price: line.unitPrice,
        metadata: {
          stock_code: line.stockCode,
          row: line.row,
          ...(line.description ? {} : { missing_description: true }),
          ...(line.quantity < 0 ? { original_quantity: line.quantity } : {}),
        },
      }
    }),
  }
}
