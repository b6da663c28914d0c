import { model } from "@medusajs/framework/utils"

/**
 * One completed update of `product_affinity` by the nightly job or an explicit rebuild: `full` (every
 * customer counted again, histories rewritten) or `incremental` (only the customers whose orders
 * changed since the previous pass). The latest full pass at the current `history_cap` says the stored
 * histories match the table; `started_at` of the latest pass is where the next incremental pass looks.
 * The latest pass's paired-product figures are the data audit's `products.unpaired` evidence.
 */
const RecommendationAffinityPass = model
  .define("recommendation_affinity_pass", {
    id: model.id({ prefix: "recap" }).primaryKey(),
    kind: model.enum(["full", "incremental"]),
    history_cap: model.number(),
    started_at: model.dateTime(),
    finished_at: model.dateTime(),
    /** Customers counted again (incremental: those with orders changed since the previous pass). */
    customers: model.number().default(0),
    /** Of those, customers whose counted history differed from the stored one. */
    changed: model.number().default(0),
    /** `product_affinity` rows written (incremental: upserted or deleted). */
    rows: model.number().default(0),
    /**
     * After the pass: products with co-purchase counts (the diagonal), and those of them with a
     * neighbour bought together by `min_support` customers or more (`pairedProductCounts`). Null on
     * passes recorded before these figures.
     */
    products: model.number().nullable(),
    paired_products: model.number().nullable(),
    min_support: model.number().nullable(),
  })
  .indexes([{ on: ["kind", "started_at"] }])

export default RecommendationAffinityPass
