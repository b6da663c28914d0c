import { z } from "@medusajs/framework/zod"
import { requirePlacementAnchor, toInt } from "../../store/recommendations/validators"

const ruleFields = {
  name: z.string().min(1),
  action: z.enum(["boost", "bury", "pin", "exclude"]),
  target_type: z.enum(["product", "category", "collection", "tag"]),
  target_id: z.string().min(1),
  weight: z.number().min(0).max(100).optional(),
  segment_id: z.string().min(1).nullish(),
  objective_id: z.string().min(1).nullish(),
  status: z.enum(["draft", "active", "archived"]).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateRecommendationRule = z.object(ruleFields).strict()
export type AdminCreateRecommendationRuleType = z.infer<typeof AdminCreateRecommendationRule>

export const AdminUpdateRecommendationRule = z
  .object(Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]>
  })
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
    customer_id: z.string().min(1).optional(),
    placement: z.enum(["home", "product", "cart"]).default("home"),
    product_id: z.string().min(1).optional(),
    cart_id: z.string().min(1).optional(),
    sales_channel_id: z.string().min(1).optional(),
    limit: z.preprocess(toInt, z.number().int().min(1).max(50).optional()),
  })
  .strict()
  .superRefine(requirePlacementAnchor)
export type AdminPreviewRecommendationsType = z.infer<typeof AdminPreviewRecommendations>

export const AdminFrequentlyBought = z
  .object({ limit: z.preprocess(toInt, z.number().int().min(1).max(50).optional()) })
  .strict()
