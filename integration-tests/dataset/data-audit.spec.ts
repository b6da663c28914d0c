import path from "path"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { AUDIT_CHECKS } from "../../src/modules/data_audit/checks"
import { FindingInput, runChecks } from "../../src/modules/data_audit/checks/runner"
import { isNonProductLine } from "../../src/utils/non-product"
import { readOrderLines } from "../../scripts/import/read-order-lines"

/**
 * The audit on the imported UCI Online Retail data (`npm run import -- ../shared/datasets/online_retail.csv.gz`
 * into DATASET_DATABASE_URL, default personalization_online_retail). Figures: datasets/SOURCES.md, and
 * for what SOURCES.md does not state, the CSV itself read here (never copied into the repository).
 */
jest.setTimeout(15 * 60 * 1000)

const DATABASE_URL =
  process.env.DATASET_DATABASE_URL || "postgres://postgres@localhost:5432/personalization_online_retail"
const CSV = process.env.DATASET_FILE || path.resolve(__dirname, "../../../shared/datasets/online_retail.csv.gz")

// datasets/SOURCES.md
const KNOWN = {
  invoices: 25900,
  stock_codes: 4070,
  rows: 541909,
  guest_invoices: 3710,
  cancellation_rows: 9288,
  non_positive_price_rows: 2517,
  rows_without_description: 1454,
}

describe("data audit on the UCI Online Retail import", () => {
  const pg = ModulesSdkUtils.createPgConnection({ clientUrl: DATABASE_URL, schema: "public" })
  const findings = new Map<string, FindingInput>()
  const source = {
    canceled_invoices: new Set<string>(),
    codes: new Map<string, boolean>(), // code -> has a description in some row
    descriptions: new Map<string, Set<string>>(), // code -> distinct descriptions (upper-cased)
    non_product_rows: 0,
    customers: new Set<string>(),
    counted_invoices: new Map<string, Set<string>>(), // customer -> invoices not canceled
  }

  beforeAll(async () => {
    for await (const row of readOrderLines(CSV)) {
      if (/^c/i.test(row.invoiceNo)) {
        source.canceled_invoices.add(row.invoiceNo)
      }
      source.codes.set(row.stockCode, source.codes.get(row.stockCode) || !!row.description)
      if (row.description) {
        const set = source.descriptions.get(row.stockCode) ?? new Set<string>()
        set.add(row.description.trim().toUpperCase())
        source.descriptions.set(row.stockCode, set)
      }
      if (isNonProductLine({ code: row.stockCode, title: row.description })) {
        source.non_product_rows++
      }
      if (row.customerId) {
        source.customers.add(row.customerId)
        if (!/^c/i.test(row.invoiceNo)) {
          const set = source.counted_invoices.get(row.customerId) ?? new Set<string>()
          set.add(row.invoiceNo)
          source.counted_invoices.set(row.customerId, set)
        }
      }
    }
    await runChecks(pg, AUDIT_CHECKS, { stale_days: 365, sample_size: 20, now: new Date() }, async (_c, fs) => {
      fs.forEach((f) => findings.set(f.check_id, f))
    })
  })

  afterAll(async () => {
    await pg.destroy()
  })

  const f = (id: string) => {
    const x = findings.get(id)
    if (!x) {
      throw new Error(`no finding ${id}`)
    }
    return x
  }

  it("sees the whole import", () => {
    expect(f("orders.canceled").total).toEqual(KNOWN.invoices)
    expect(f("orders.non_positive_price_lines").total).toEqual(KNOWN.rows)
    expect(f("products.no_category").total).toEqual(KNOWN.stock_codes)
    expect(f("customers.missing_email").total).toEqual(source.customers.size)
  })

  it("finds the guest invoices", () => {
    expect(f("customers.guest_orders")).toEqual(
      expect.objectContaining({ affected: KNOWN.guest_invoices, total: KNOWN.invoices })
    )
    expect(f("customers.orphaned_guest_history").affected).toEqual(0)
  })

  it("counts the customers who never came back (one counted invoice)", () => {
    const once = [...source.counted_invoices.values()].filter((s) => s.size === 1).length
    expect(f("customers.single_order")).toEqual(
      expect.objectContaining({ affected: once, total: source.counted_invoices.size })
    )
  })

  it("finds the cancellations", () => {
    expect(f("orders.canceled").affected).toEqual(source.canceled_invoices.size)
    expect(f("orders.canceled").details?.lines).toEqual(KNOWN.cancellation_rows)
  })

  it("finds the zero and negative prices", () => {
    expect(f("orders.non_positive_price_lines").affected).toEqual(KNOWN.non_positive_price_rows)
  })

  it("finds the non-product codes", () => {
    expect(f("orders.non_product_lines").affected).toEqual(source.non_product_rows)
    expect(f("orders.non_product_lines").affected).toBeGreaterThan(0)
  })

  it("finds no categories at all, and the missing descriptions", () => {
    expect(f("products.no_category")).toEqual(expect.objectContaining({ affected: KNOWN.stock_codes, share: 1 }))
    // The importer leaves every description empty; codes never described get their code as title
    // (metadata.missing_description). Codes only ever described by their own code (BANK CHARGES)
    // have a title equal to their SKU: also a placeholder.
    expect(f("products.no_description").affected).toEqual(KNOWN.stock_codes)
    const neverDescribed = [...source.codes.values()].filter((described) => !described).length
    const describedByCode = [...source.descriptions.entries()].filter(([code, set]) =>
      [...set].every((d) => d === code.trim().toUpperCase())
    ).length
    expect(neverDescribed).toEqual(112)
    expect(f("orders.lines_without_description")).toEqual(
      expect.objectContaining({ affected: KNOWN.rows_without_description, total: KNOWN.rows })
    )
    expect(f("products.placeholder_title").affected).toEqual(neverDescribed + describedByCode)
  })

  it("sees a year of history with no empty month", () => {
    expect(f("coverage.history_span").affected).toEqual(0)
    expect(f("coverage.empty_months")).toEqual(expect.objectContaining({ affected: 0, total: 13 }))
  })
})
