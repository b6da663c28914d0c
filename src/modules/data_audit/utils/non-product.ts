/**
 * Heuristic for order lines that are not purchases of goods: postage, fees, manual adjustments,
 * samples, gift vouchers. A line is non-product when its code (the line's variant SKU, else
 * `metadata.stock_code`) is in NON_PRODUCT_CODES or starts with "gift_", when its title is in
 * NON_PRODUCT_TITLES, or when its product has `metadata.non_product = true`. Codes come from
 * the UCI Online Retail data (POST, DOT, M, D, C2, BANK CHARGES, AMAZONFEE, CRUK, PADS, S, B).
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

/** The same heuristic in memory (used by unit tests and to explain a line). */
export function isNonProductLine(line: {
  code?: string | null
  title?: string | null
  product_metadata?: Record<string, unknown> | null
}): boolean {
  const code = (line.code ?? "").trim()
  if (code && NON_PRODUCT_CODES.includes(code.toUpperCase())) {
    return true
  }
  if (NON_PRODUCT_CODE_PREFIXES.some((p) => code.toLowerCase().startsWith(p))) {
    return true
  }
  if (line.title && NON_PRODUCT_TITLES.includes(line.title.trim().toUpperCase())) {
    return true
  }
  const flag = line.product_metadata?.non_product
  return flag === true || flag === "true"
}
