import { z } from "@medusajs/framework/zod"
import { PLACEMENTS, requirePlacementAnchor, toInt } from "../../store/recommendations/validators"
import { recordId } from "../../utils/validators"

const ruleFields = {
  name: z.string().min(1).max(200),
  action: z.enum(["boost", "bury", "pin", "exclude"]),
  target_type: z.enum(["product", "category", "collection", "tag"]),
  target_id: recordId,
  // stored as a 4-byte float: a weight like 5e-324 would underflow, so weights keep 4 decimals
  weight: z
    .number()
    .min(0)
    .max(100)
    .transform((w) => Math.round(w * 10_000) / 10_000)
    .optional(),
  segment_id: recordId.nullish(),
  objective_id: recordId.nullish(),
  status: z.enum(["draft", "active", "archived"]).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateRecommendationRule = z.object(ruleFields).strict()
export type AdminCreateRecommendationRuleType = z.infer<typeof AdminCreateRecommendationRule>

export const AdminUpdateRecommendationRule = z
  .object(
    Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]>
    }
  )
  .strict()
export type AdminUpdateRecommendationRuleType = z.infer<typeof AdminUpdateRecommendationRule>

export const AdminListRecommendationRules = z
  .object({
    offset: z.preprocess(toInt, z.number().int().min(0).optional()),
    limit: z.preprocess(toInt, z.number().int().min(1).max(200).optional()),
    status: z.enum(["draft", "active", "archived"]).optional(),
    segment_id: z.string().optional(),
    objective_id: z.string().optional(),
    fields: z.string().optional(),
    order: z.string().optional(),
  })
  .strict()
export type AdminListRecommendationRulesType = z.infer<typeof AdminListRecommendationRules>

export const AdminPreviewRecommendations = z
  .object({
    customer_id: recordId.optional(),
    placement: z.enum(PLACEMENTS).default("home"),
    product_id: recordId.optional(),
    cart_id: recordId.optional(),
    sales_channel_id: recordId.optional(),
    limit: z.preprocess(toInt, z.number().int().min(1).max(50).optional()),
  })
  .strict()
  .superRefine(requirePlacementAnchor)
export type AdminPreviewRecommendationsType = z.infer<typeof AdminPreviewRecommendations>

export const AdminFrequentlyBought = z
  .object({ limit: z.preprocess(toInt, z.number().int().min(1).max(50).optional()) })
  .strict()

/** The body of `POST /admin/recommendations/validate`: nothing (an unknown field is a 400 naming it). */
export const AdminValidateRecommendations = z.object({}).strict()

export const AdminListRecommendationValidations = z
  .object({
    limit: z.preprocess(toInt, z.number().int().min(1).max(100).default(20)),
    offset: z.preprocess(toInt, z.number().int().min(0).default(0)),
    status: z.enum(["running", "succeeded", "failed"]).optional(),
  })
  .strict()
export type AdminListRecommendationValidationsType = z.infer<typeof AdminListRecommendationValidations>

const windowDays = z.number().int().min(1).max(3650)

/** One issue per entry whose `key` repeats an earlier entry's. */
const eachOnce =
  (key: "product_id" | "category_id", noun: string) => (ws: Record<string, unknown>[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>()
    ws.forEach((w, i) => {
      if (seen.has(w[key])) {
        ctx.addIssue({ code: "custom", path: [i, key], message: `duplicate ${noun} ${w[key]}` })
      }
      seen.add(w[key])
    })
  }

const productWindows = z
  .array(z.object({ product_id: recordId, repurchase_window_days: windowDays }).strict())
  .min(1)
  .max(500)
  .superRefine(eachOnce("product_id", "product"))

const categoryWindows = z
  .array(z.object({ category_id: recordId, repurchase_window_days: windowDays }).strict())
  .min(1)
  .max(500)
  .superRefine(eachOnce("category_id", "category"))

/**
 * `POST /admin/recommendations/repurchase-windows`: product windows, category windows, or both;
 * each list at most 500, one entry per product or category.
 */
export const AdminApplyRepurchaseWindows = z
  .object({
    windows: productWindows.optional(),
    category_windows: categoryWindows.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.windows && !body.category_windows) {
      ctx.addIssue({ code: "custom", path: ["windows"], message: "windows or category_windows is required" })
    }
  })
export type AdminApplyRepurchaseWindowsType = z.infer<typeof AdminApplyRepurchaseWindows>
