import { fewProductsPaired, UNPAIRED_PRODUCTS_CHECK, UNPAIRED_PRODUCTS_TITLE } from "./co-purchase-evidence"

/**
 * Why nothing beat best sellers on a store's validation, in plain words, and the data audit finding
 * behind it. Pure: the run's sufficiency figures in, a sentence and a check id out. Shared by the
 * admin's Quality panel and `npm run recommendations:validate`.
 */

/** The figures of a validation run the cause is read from (`recommendation_validation.sufficiency`). */
export type CauseFigures = {
  customers: number
  repeat_customers?: number
  training_products?: number
  paired_products?: number
  test_customers: number
  sufficient: boolean
}

export type QualityCause = {
  kind: "too_little_data" | "few_returning_customers" | "few_products_bought_together" | "popular_products_win"
  /** The cause in plain words, with the store's figures. */
  text: string
  /** The data audit check that measures it (`customers.single_order`, `products.unpaired`); null when no check does. */
  check_id: string | null
  /** That check's title (the link's words); null with no check. */
  check_title: string | null
}

/**
 * Below these shares the cause is named: fewer than a third of customers with a second order; fewer
 * than half of the products bought with another by 2 or more customers is `PAIRED_SHARE_THRESHOLD`
 * (`fewProductsPaired`, the audit's `products.unpaired` threshold too). On UCI Online Retail (where
 * co-purchase wins) 66% of customers have two or more invoices (datasets/SOURCES.md).
 */
export const CAUSE_THRESHOLDS = { repeat_share: 1 / 3 }

/** The data audit finding of customers with one counted order. */
export const REPEAT_CUSTOMERS_CHECK = "customers.single_order"
/** Its title (the audit's finding and the Quality panel's link). */
export const REPEAT_CUSTOMERS_TITLE = "Customers who never came back (one order)"

const repeatCheck = { check_id: REPEAT_CUSTOMERS_CHECK, check_title: REPEAT_CUSTOMERS_TITLE }
const noCheck = { check_id: null, check_title: null }

const pct = (x: number) => `${Math.round(x * 100)}%`
const share = (n: number | undefined, of: number | undefined) => (n !== undefined && of ? n / of : null)

/** The cause of a best-seller choice, from the run's figures (older runs without them: a general sentence). */
export function bestSellersCause(s: CauseFigures): QualityCause {
  const repeat = share(s.repeat_customers, s.customers)
  const returning =
    repeat === null
      ? ""
      : `only ${pct(repeat)} of customers (${s.repeat_customers} of ${s.customers}) have a second order`
  if (!s.sufficient) {
    return {
      kind: "too_little_data",
      text:
        `Too few customers came back to validate: fewer than 30 bought both before and during any of the last 2 to 26 weeks` +
        (returning ? `, and ${returning}.` : "."),
      ...repeatCheck,
    }
  }
  if (repeat !== null && repeat < CAUSE_THRESHOLDS.repeat_share) {
    return {
      kind: "few_returning_customers",
      text: `${returning[0].toUpperCase()}${returning.slice(1)}: co-purchase models learn from customers who come back, and too few do.`,
      ...repeatCheck,
    }
  }
  const paired = share(s.paired_products, s.training_products)
  const came = repeat === null ? "" : `Customers come back (${pct(repeat)} have a second order), but `
  if (paired !== null && fewProductsPaired(s.paired_products ?? 0, s.training_products ?? 0)) {
    const few = `only ${pct(paired)} of products (${s.paired_products} of ${s.training_products}) were bought together with another by 2 or more customers: too little co-purchase evidence.`
    return {
      kind: "few_products_bought_together",
      text: came ? `${came}${few}` : `${few[0].toUpperCase()}${few.slice(1)}`,
      check_id: UNPAIRED_PRODUCTS_CHECK,
      check_title: UNPAIRED_PRODUCTS_TITLE,
    }
  }
  return {
    kind: "popular_products_win",
    text:
      `${came ? `${came}their` : "Customers'"} next purchases are mostly the store's popular products, which best sellers ` +
      `predict better than any co-purchase model on ${s.test_customers} validation customers.`,
    ...noCheck,
  }
}
