import { z } from "@medusajs/framework/zod"

/** Placements of `GET /store/recommendations` (`buy_again` needs a logged-in customer). */
export const PLACEMENTS = ["home", "product", "cart", "buy_again"] as const

export const toInt = (val: unknown) => (val === undefined || val === "" ? undefined : Number(val))

/** A product placement needs its product, a cart placement its cart (shared by the store and admin preview). */
export function requirePlacementAnchor(
  v: { placement: (typeof PLACEMENTS)[number]; product_id?: string; cart_id?: string },
  ctx: z.RefinementCtx
) {
  if (v.placement === "product" && !v.product_id) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["product_id"],
      message: "product_id is required for placement=product",
    })
  }
  if (v.placement === "cart" && !v.cart_id) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["cart_id"], message: "cart_id is required for placement=cart" })
  }
}

/** `GET /store/recommendations`: placement, anchors, limit, plus the product fields and pricing context of `GET /store/products`. */
export const StoreGetRecommendationsParams = z
  .object({
    fields: z.string().optional(),
    placement: z.enum(PLACEMENTS),
    product_id: z.string().min(1).max(100).optional(),
    cart_id: z.string().min(1).max(100).optional(),
    limit: z.preprocess(toInt, z.number().int().min(1).max(50).optional()),
    region_id: z.string().max(100).optional(),
    country_code: z.string().max(10).optional(),
    province: z.string().max(100).optional(),
  })
  .strict()
  .superRefine(requirePlacementAnchor)

export type StoreGetRecommendationsParamsType = z.infer<typeof StoreGetRecommendationsParams>

/** `POST /store/recommendations/events`: an impression or click on a served recommendation. */
export const StorePostRecommendationEvent = z
  .object({
    type: z.enum(["impression", "click"]),
    recommendation_id: z.string().max(100).regex(/^rec_/, "must be a recommendation id (rec_...)"),
    product_id: z.string().min(1).max(100),
    placement: z.enum(PLACEMENTS).optional(),
    cart_id: z.string().max(100).optional(),
    objective_id: z.string().max(100).nullish(),
    experiment_group: z.enum(["treatment", "holdout"]).nullish(),
  })
  .strict()

export type StorePostRecommendationEventType = z.infer<typeof StorePostRecommendationEvent>
