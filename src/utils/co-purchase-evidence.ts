/**
 * How much co-purchase evidence a store has: the share of its bought products with a co-purchase
 * neighbour (bought together with another product by `min_support` customers or more). One
 * threshold for the data audit's `products.unpaired` finding and the Quality panel's "few products
 * bought together" cause (`bestSellersCause`). Pure; imported by the admin too.
 */

/**
 * Under this share of paired products the evidence is too thin. Whole history, history_cap 50,
 * min_support 2: UCI Online Retail (co-purchase beats best sellers) 89% (3,012 of 3,396 products);
 * the Complete Journey grocery sample (best sellers win) 33% (6,215 of 18,874).
 */
export const PAIRED_SHARE_THRESHOLD = 1 / 2

/** The data audit check that measures the share on the store's co-purchase counts. */
export const UNPAIRED_PRODUCTS_CHECK = "products.unpaired"
/** Its title (the audit's finding and the Quality panel's link). */
export const UNPAIRED_PRODUCTS_TITLE = "Products rarely bought together with another"

/** True when fewer than `PAIRED_SHARE_THRESHOLD` of `products` are paired (never with no products). */
export function fewProductsPaired(paired: number, products: number): boolean {
  return products > 0 && paired / products < PAIRED_SHARE_THRESHOLD
}
