import { isNonProductLine, nonProductLineSql } from "../non-product"

describe("isNonProductLine", () => {
  it.each([
    [{ code: "POST" }, true],
    [{ code: " post " }, true],
    [{ code: "BANK CHARGES" }, true],
    [{ code: "gift_0001_20" }, true],
    [{ code: "GIFT_0001_20" }, true],
    [{ code: "85123A", title: "WHITE HANGING HEART" }, false],
    [{ code: "X1", title: "Manual" }, true],
    [{ code: "X1", title: " postage " }, true],
    [{ code: "X2", product_metadata: { non_product: true } }, true],
    [{ code: "X2", product_metadata: { non_product: "true" } }, true],
    [{ code: "X2", product_metadata: { non_product: "yes" } }, false],
    [{ code: "POSTCARD" }, false],
    [{ code: "giftbox" }, false],
    // as PostgreSQL's btrim: spaces only (the SQL and this function are compared on generated lines)
    [{ code: "\tPOST" }, false],
    // codes of other stores are goods: nothing about digits
    [{ code: "SKU-1", title: "Oat milk" }, false],
    [{ code: "1234" }, false],
    [{ code: "" }, false],
    [{}, false],
  ])("%j -> %p", (line, expected) => {
    expect(isNonProductLine(line)).toBe(expected)
  })
})

describe("nonProductLineSql", () => {
  it("takes no bindings (its lists are quoted literals) and reads the alias it is given", () => {
    const sql = nonProductLineSql("x")
    expect(sql).not.toContain("?")
    expect(sql).toContain("x.variant_sku")
    expect(sql).toContain("x.title")
    expect(sql).not.toMatch(/\bli\./)
    expect(sql).toContain("'gift\\_%'")
  })
})
