import { orderIdsOf } from "../order-event"

describe("orderIdsOf", () => {
  it.each([
    ["order.placed: { id }", { id: "order_1" }, ["order_1"]],
    ["order-edit.confirmed: { order_id, actions }", { order_id: "order_2", actions: [] }, ["order_2"]],
    ["order.return_received: { order_id, return_id }", { order_id: "order_3", return_id: "ret_1" }, ["order_3"]],
    [
      "order.transfer_requested: { id, order_change_id } (id is the order)",
      { id: "order_4", order_change_id: "ch_1" },
      ["order_4"],
    ],
    [
      "a list of payloads, repeated ids once",
      [{ id: "order_1" }, { id: "order_2" }, { id: "order_1" }],
      ["order_1", "order_2"],
    ],
    ["order_id wins over id", { id: "ful_1", order_id: "order_5" }, ["order_5"]],
    ["nothing usable", { id: 7 }, []],
    ["an empty id", { id: "" }, []],
    ["no payload", undefined, []],
    ["null", null, []],
  ])("%s", (_name, data, expected) => {
    expect(orderIdsOf(data as Parameters<typeof orderIdsOf>[0])).toEqual(expected)
  })
})
