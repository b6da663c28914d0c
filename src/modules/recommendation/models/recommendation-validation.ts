import { model } from "@medusajs/framework/utils"

/**
 * One run of the store's validation (utils/validation): every candidate's hit rate@10 and NDCG@10
 * on the store's own recent orders, the model chosen and why, and how much data there was. The
 * latest succeeded run decides what personalized requests are served.
 */
const RecommendationValidation = model
  .define("recommendation_validation", {
    id: model.id({ prefix: "recval" }).primaryKey(),
    status: model.enum(["running", "succeeded", "failed"]).default("running"),
    trigger: model.enum(["job", "admin", "cli", "api"]).default("api"),
    /** Candidate key served: `best_sellers` or `co_purchase:a..:l..:b..:h..`. */
    chosen: model.text().nullable(),
    /** The ScoringOptions served; null when best sellers are served. */
    params: model.json().nullable(),
    /** Every candidate: key, label, scoring, hit_rate, ndcg, customers. */
    candidates: model.json().nullable(),
    /** orders, customers, products, validation_weeks, cut, test_customers, sufficient. */
    sufficiency: model.json().nullable(),
    reason: model.text().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    error: model.text().nullable(),
  })
  .indexes([{ on: ["status", "finished_at"] }])

export default RecommendationValidation
