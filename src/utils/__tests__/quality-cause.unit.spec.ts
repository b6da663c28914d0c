import { bestSellersCause, CauseFigures } from "../quality-cause"

const SINGLE_ORDER = ["customers.single_order", "Customers who never came back (one order)"]
const UNPAIRED = ["products.unpaired", "Products rarely bought together with another"]
const NONE = [null, null]

const base: CauseFigures = {
  customers: 1000,
  repeat_customers: 600,
  training_products: 200,
  paired_products: 180,
  test_customers: 500,
  sufficient: true,
}

describe("bestSellersCause", () => {
  it.each([
    [
      "too little data, with the share of customers who came back",
      { ...base, sufficient: false, repeat_customers: 80, test_customers: 0 },
      "too_little_data",
      "Too few customers came back to validate: fewer than 30 bought both before and during any of the last 2 to 26 weeks, and only 8% of customers (80 of 1000) have a second order.",
      SINGLE_ORDER,
    ],
    [
      "few customers with a second order",
      { ...base, repeat_customers: 80 },
      "few_returning_customers",
      "Only 8% of customers (80 of 1000) have a second order: co-purchase models learn from customers who come back, and too few do.",
      SINGLE_ORDER,
    ],
    [
      "customers come back but few products are bought together (a sparse grocery)",
      { ...base, repeat_customers: 950, paired_products: 40 },
      "few_products_bought_together",
      "Customers come back (95% have a second order), but only 20% of products (40 of 200) were bought together with another by 2 or more customers: too little co-purchase evidence.",
      UNPAIRED,
    ],
    [
      "just under half of the products paired (the audit's threshold)",
      { ...base, paired_products: 99 },
      "few_products_bought_together",
      "Customers come back (60% have a second order), but only 50% of products (99 of 200) were bought together with another by 2 or more customers: too little co-purchase evidence.",
      UNPAIRED,
    ],
    [
      "exactly half of the products paired: not the cause",
      { ...base, paired_products: 100 },
      "popular_products_win",
      "Customers come back (60% have a second order), but their next purchases are mostly the store's popular products, which best sellers predict better than any co-purchase model on 500 validation customers.",
      NONE,
    ],
    [
      "few products bought together, on a run without the repeat-customer figure",
      { customers: 1000, training_products: 200, paired_products: 40, test_customers: 500, sufficient: true },
      "few_products_bought_together",
      "Only 20% of products (40 of 200) were bought together with another by 2 or more customers: too little co-purchase evidence.",
      UNPAIRED,
    ],
    [
      "enough of both: popular products win",
      base,
      "popular_products_win",
      "Customers come back (60% have a second order), but their next purchases are mostly the store's popular products, which best sellers predict better than any co-purchase model on 500 validation customers.",
      NONE,
    ],
    [
      "a run stored before these figures",
      { customers: 10, test_customers: 0, sufficient: false },
      "too_little_data",
      "Too few customers came back to validate: fewer than 30 bought both before and during any of the last 2 to 26 weeks.",
      SINGLE_ORDER,
    ],
  ])("%s", (_name, figures, kind, text, [checkId, checkTitle]) => {
    expect(bestSellersCause(figures as CauseFigures)).toEqual({
      kind,
      text,
      check_id: checkId,
      check_title: checkTitle,
    })
  })
})
