import { dataVolume, validateStore } from ".."

const at = (day: number, hour = 0) => new Date(Date.UTC(2024, 0, 1 + day, hour))

describe("dataVolume", () => {
  it.each([
    [
      "two lines of one order: not a return",
      [
        ["a", "p", at(0)],
        ["a", "q", at(0)],
      ],
      1,
      0,
    ],
    [
      "an order at another time: came back",
      [
        ["a", "p", at(0)],
        ["a", "p", at(0, 5)],
      ],
      2,
      1,
    ],
    [
      "three customers, one back twice",
      [
        ["a", "p", at(0)],
        ["a", "q", at(3)],
        ["a", "p", at(9)],
        ["b", "p", at(1)],
        ["c", "q", at(2)],
      ],
      5,
      1,
    ],
  ] as [string, [string, string, Date][], number, number][])("%s", (_name, lines, orders, repeat) => {
    const v = dataVolume(lines.map(([customer_id, product_id, at]) => ({ customer_id, product_id, at })))
    expect(v.orders).toBe(orders)
    expect(v.repeat_customers).toBe(repeat)
  })

  it("a validation stores the training products and those with a co-purchase neighbour", () => {
    // 40 customers buy p and r, then q on day 20 (each a test customer on the last 2 weeks); only c0
    // buys s: a pair of one customer is no neighbour (min support 2)
    const purchases = Array.from({ length: 40 }, (_, i) => [
      { customer_id: `c${i}`, product_id: "p", at: at(0) },
      { customer_id: `c${i}`, product_id: "r", at: at(1) },
      ...(i === 0 ? [{ customer_id: "c0", product_id: "s", at: at(2) }] : []),
      { customer_id: `c${i}`, product_id: "q", at: at(20) },
    ]).flat()
    const out = validateStore(purchases, { thresholds: { enough: 30, minimum: 30 } })
    expect(out.sufficiency).toMatchObject({ repeat_customers: 40, training_products: 3, paired_products: 2 })
  })
})
