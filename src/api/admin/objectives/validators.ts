import { z } from "@medusajs/framework/zod"
import { isoDate, note, recordId } from "../../utils/validators"

const METRIC = z.enum([
  "conversion_rate",
  "average_order_value",
  "repeat_purchase_rate",
  "revenue_per_customer",
  "customer_lifetime_value",
])
const STATUS = z.enum(["draft", "active", "achieved", "abandoned"])
const DIRECTION = z.enum(["increase", "decrease"])
const date = isoDate

/** A baseline window is given whole (both bounds or neither), start before end. */
function checkBaselineWindow(
  o: { baseline_window_start?: Date | null; baseline_window_end?: Date | null },
  ctx: z.RefinementCtx
) {
  if (o.baseline_window_start && o.baseline_window_end && o.baseline_window_start >= o.baseline_window_end) {
    ctx.addIssue({
      code: "custom",
      message: "baseline_window_start must be before baseline_window_end",
      path: ["baseline_window_start"],
    })
  }
  if (!!o.baseline_window_start !== !!o.baseline_window_end) {
    ctx.addIssue({
      code: "custom",
      message: "give both baseline_window_start and baseline_window_end, or neither",
      path: ["baseline_window_end"],
    })
  }
}

export const AdminCreateObjective = z
  .object({
    name: z.string().trim().min(1).max(200),
    business_outcome: note.nullish(),
    metric: METRIC,
    metric_window_days: z.number().int().min(1).max(3650).nullish(),
    direction: DIRECTION.optional(),
    currency_code: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, "must be a 3-letter ISO 4217 code")
      .optional(),
    target: z.number().finite().nullish(),
    holdout_share: z.number().min(0.01).max(0.5).optional(),
    status: STATUS.optional(),
    owner_id: recordId.nullish(),
    rationale: note.nullish(),
    deadline: date.nullish(),
    baseline_window_start: date.nullish(),
    baseline_window_end: date.nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    /** why: recorded in the decision log */
    reason: note.nullish(),
  })
  .strict()
  .superRefine(checkBaselineWindow)
export type AdminCreateObjectiveType = z.infer<typeof AdminCreateObjective>

export const AdminUpdateObjective = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    business_outcome: note.nullish(),
    direction: DIRECTION.optional(),
    target: z.number().finite().nullish(),
    holdout_share: z.number().min(0.01).max(0.5).optional(),
    status: STATUS.optional(),
    owner_id: recordId.nullish(),
    rationale: note.nullish(),
    deadline: date.nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    reason: note.nullish(),
  })
  .strict()
export type AdminUpdateObjectiveType = z.infer<typeof AdminUpdateObjective>

/** Recompute the baseline: over the given window (both or neither), else the stored one. */
export const AdminRecomputeObjectiveBaseline = z
  .object({
    baseline_window_start: date.optional(),
    baseline_window_end: date.optional(),
    /** required once measurement has started: progress to the target is read against the baseline */
    force: z.boolean().optional(),
    reason: note.nullish(),
  })
  .strict()
  .superRefine(checkBaselineWindow)
export type AdminRecomputeObjectiveBaselineType = z.infer<typeof AdminRecomputeObjectiveBaseline>

export const AdminDeleteObjective = z.object({ reason: note.optional() })

export const AdminGetObjectives = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().max(200).optional(),
  /** One id or several (`id[]=a&id[]=b`): names for ids already stored, e.g. in rules. */
  id: z.union([recordId, z.array(recordId).max(100)]).optional(),
  status: z.union([STATUS, z.array(STATUS)]).optional(),
  metric: z.union([METRIC, z.array(METRIC)]).optional(),
})
export type AdminGetObjectivesType = z.infer<typeof AdminGetObjectives>

export const AdminGetObjective = z.object({})

export const AdminCreateSnapshots = z
  .object({
    period_start: date.optional(),
    period_end: date.optional(),
    segment_id: recordId.optional(),
  })
  .strict()
  .refine((o) => !o.period_start || !o.period_end || o.period_start < o.period_end, {
    message: "period_start must be before period_end",
    path: ["period_start"],
  })
export type AdminCreateSnapshotsType = z.infer<typeof AdminCreateSnapshots>

export const AdminGetSnapshots = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
  segment_id: z.string().optional(),
  group: z.enum(["treatment", "holdout"]).optional(),
})
export type AdminGetSnapshotsType = z.infer<typeof AdminGetSnapshots>

export const AdminGetLift = z.object({ segment_id: z.string().optional() })
export type AdminGetLiftType = z.infer<typeof AdminGetLift>

/** At most 100 ids added and 100 removed per request; each must exist (checked by the link workflow). */
const idChanges = z
  .object({ add: z.array(recordId).max(100).optional(), remove: z.array(recordId).max(100).optional() })
  .strict()
export const AdminObjectiveLinks = z
  .object({
    segment_ids: idChanges.optional(),
    recommendation_rule_ids: idChanges.optional(),
    reason: note.nullish(),
  })
  .strict()
export type AdminObjectiveLinksType = z.infer<typeof AdminObjectiveLinks>
