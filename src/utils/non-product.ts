/**
 * The one definition of an order line that is not a purchase of goods: postage, fees, manual
 * adjustments, samples, gift vouchers. A line is non-product when its code (the line's variant SKU,
 * else `metadata.stock_code`) is in NON_PRODUCT_CODES or starts with "gift_", when its title is in
 * NON_PRODUCT_TITLES, or when its product has `metadata.non_product = true` (the merchant's own
 * declaration, which the data audit recommends). Codes come from the UCI Online Retail data (POST,
 * DOT, M, D, C2, BANK CHARGES, AMAZONFEE, CRUK, PADS, S, B).
 *
 * The data audit counts such lines (`orders.non_product_lines`); recommendations never count them
 * as purchases (co-purchase counts, best sellers, histories, validation: `PURCHASE_LINES`), and the
 * offline evaluator drops them the same way. The SQL and the in-memory test below are the same rule
 * (a property test on PostgreSQL compares them).
 */
export const NON_PRODUCT_CODES = ["POST", "DOT", "M", "D", "C2", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "S", "B"]

export const NON_PRODUCT_CODE_PREFIXES = ["gift_"]

export const NON_PRODUCT_TITLES = [
  "POSTAGE",
  "DOTCOM POSTAGE",
  "MANUAL",
  "DISCOUNT",
  "CARRIAGE",
  "BANK CHARGES",
  "AMAZON FEE",
  "SAMPLES",
  "ADJUST BAD DEBT",
  "CRUK COMMISSION",
]

/** Spaces trimmed from both ends, as PostgreSQL's `btrim(x)` trims them (and nothing else). */
const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, "")

/** The same heuristic in memory (the evaluator, unit tests, and to explain a line). */
export function isNonProductLine(line: {
  code?: string | null
  title?: string | null
  product_metadata?: Record<string, unknown> | null
}): boolean {
  const code = trimSpaces(line.code ?? "")
  if (code && NON_PRODUCT_CODES.includes(code.toUpperCase())) {
    return true
  }
  if (NON_PRODUCT_CODE_PREFIXES.some((p) => code.toLowerCase().startsWith(p))) {
    return true
  }
  if (line.title && NON_PRODUCT_TITLES.includes(trimSpaces(line.title).toUpperCase())) {
    return true
  }
  const flag = line.product_metadata?.non_product
  return flag === true || flag === "true"
}

const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`
const likePrefix = (s: string): string => literal(`${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)

/** An order line's code in SQL over `order_line_item` alias `li`: its variant SKU, else `metadata.stock_code`, else ''. */
export function lineCodeSql(li = "li"): string {
  return `coalesce(nullif(btrim(${li}.variant_sku), ''), ${li}.metadata->>'stock_code', '')`
}

/**
 * The heuristic's part that reads the line alone (its code and title), in SQL over
 * `order_line_item` alias `li`; true or false, never null; no bindings (the lists are literals).
 */
export function nonProductLineSql(li = "li"): string {
  const code = `btrim(${lineCodeSql(li)})`
  return `(upper(${code}) in (${NON_PRODUCT_CODES.map(literal).join(", ")})
    or ${NON_PRODUCT_CODE_PREFIXES.map((p) => `lower(${code}) like ${likePrefix(p)}`).join(" or ")}
    or upper(btrim(coalesce(${li}.title, ''))) in (${NON_PRODUCT_TITLES.map(literal).join(", ")}))`
}

/** The heuristic's part that reads the line's product, alias `p` (the store's own declaration). */
export function nonProductFlagSql(p = "p"): string {
  return `coalesce(${p}.metadata->>'non_product', '') = 'true'`
}

/**
 * SQL over `order_line_item` alias `li`: the line is a purchase of goods, by the whole heuristic
 * (its code and title, and its live product's flag, read by product id). For queries that do not
 * join the product table themselves.
 */
export function goodsLineSql(li = "li"): string {
  return `not ${nonProductLineSql(li)}
    and not exists (select 1 from product np where np.id = ${li}.product_id and np.deleted_at is null
                    and ${nonProductFlagSql("np")})`
}
