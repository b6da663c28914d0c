import { AUDIT_CHECKS_BY_ID, AuditCoPurchase, AuditContext, AuditSubjects, CheckResult } from ".."
import { bestSellersCause } from "../../../../utils/quality-cause"

const check = AUDIT_CHECKS_BY_ID["products.unpaired"]!

/** The check reads only the figures the audit workflow hands in: no query, no table. */
const run = async (subjects: AuditSubjects) => {
  const ctx = {
    subjects,
    query: () => Promise.reject(new Error("no SQL expected")),
    tableExists: () => Promise.reject(new Error("no SQL expected")),
  } as unknown as AuditContext
  return (await check.run(ctx)) as CheckResult | CheckResult[]
}

const counted = (products: number, paired_products: number, min_support = 2): AuditCoPurchase => ({
  products,
  paired_products,
  min_support,
  pass: "full",
  counted_at: "2026-12-01T03:30:00.000Z",
})

describe("products.unpaired", () => {
  it("is an info finding on products that blocks co-purchase", () => {
    expect(check).toEqual(
      expect.objectContaining({
        title: "Products rarely bought together with another",
        area: "products",
        severity: "info",
        blocks: { segment_attributes: [], objective_metrics: [], strategies: ["co_purchase"] },
      })
    )
  })

  it.each([
    ["the recommendation module is not installed", {}],
    ["no co-purchase pass has counted yet", { co_purchase: null }],
  ])("reports nothing when %s", async (_name, subjects) => {
    expect(await run(subjects)).toEqual([])
  })

  it.each([
    [
      "a sparse grocery (the Complete Journey sample: 33% paired)",
      counted(18874, 6215),
      12659,
      "Only 33% of products (6215 of 18874) were bought together with another by 2 or more customers, under 50%: too little co-purchase evidence, best sellers are likely to win.",
    ],
    [
      "a giftware store (UCI Online Retail: 89% paired)",
      counted(3396, 3012),
      0,
      "89% of products (3012 of 3396) were bought together with another by 2 or more customers: enough co-purchase evidence.",
    ],
    [
      "one product short of half",
      counted(200, 99),
      101,
      "Only 50% of products (99 of 200) were bought together with another by 2 or more customers, under 50%: too little co-purchase evidence, best sellers are likely to win.",
    ],
    [
      "exactly half",
      counted(200, 100),
      0,
      "50% of products (100 of 200) were bought together with another by 2 or more customers: enough co-purchase evidence.",
    ],
    [
      "none paired, with the store's min_support",
      counted(7, 0, 3),
      7,
      "Only 0% of products (0 of 7) were bought together with another by 3 or more customers, under 50%: too little co-purchase evidence, best sellers are likely to win.",
    ],
    ["no products counted", counted(0, 0), 0, "No product has co-purchase counts yet."],
  ])("%s", async (_name, figures, affected, message) => {
    const result = (await run({ co_purchase: figures })) as CheckResult
    expect(result).toEqual({
      affected,
      total: figures.products,
      sample_ids: [],
      details: {
        message,
        products: figures.products,
        paired_products: figures.paired_products,
        unpaired_products: figures.products - figures.paired_products,
        paired_share: figures.products ? figures.paired_products / figures.products : null,
        threshold: 0.5,
        min_support: figures.min_support,
        pass: "full",
        counted_at: "2026-12-01T03:30:00.000Z",
      },
    })
  })

  it("agrees with the Quality panel's cause on where half lies", async () => {
    for (let paired = 0; paired <= 40; paired++) {
      const finding = (await run({ co_purchase: counted(40, paired) })) as CheckResult
      const cause = bestSellersCause({
        customers: 100,
        repeat_customers: 90,
        training_products: 40,
        paired_products: paired,
        test_customers: 50,
        sufficient: true,
      })
      expect({ paired, finding: finding.affected > 0 }).toEqual({
        paired,
        finding: cause.kind === "few_products_bought_together",
      })
      if (finding.affected > 0) {
        expect(cause.check_id).toEqual(check.id)
      }
    }
  })
})
