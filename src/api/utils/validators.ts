import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { isoDateProblem, parseIsoDate } from "../../utils/iso-date"

/** A date in a body or query: ISO 8601, a real day, 1900-01-01 to 9999-12-31; parsed to a Date. */
export const isoDate = z
  .string()
  .max(40)
  .superRefine((s, ctx) => {
    const problem = isoDateProblem(s)
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem })
    }
  })
  .transform(parseIsoDate)

/** An id of a record (ours or Medusa's): at most 100 characters. */
export const recordId = z.string().min(1).max(100)

/** A free-text note (reasons, descriptions): at most 2,000 characters. */
export const note = z.string().max(2000)

/** `rules.conditions[0].value` from zod's path segments. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => {
    if (typeof k === "number") return `${acc}[${k}]`
    const key = String(k)
    return acc ? `${acc}.${key}` : key
  }, "")
}

/** Every zod issue as `path: message` (Medusa's own formatter drops the path of custom messages). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 20)
    .map((i) => (i.path.length ? `${formatIssuePath(i.path)}: ${i.message}` : i.message))
    .join("; ")
}

/**
 * Medusa's `validateAndTransformBody`, with a 400 that names the path of every problem
 * (`Invalid request: rules.conditions[2].value: must be a number; name: ...`).
 */
export function validateBody(schema: z.ZodType) {
  // like Medusa's zodValidator: unknown top-level fields are refused
  const strict = "strict" in schema && typeof schema.strict === "function" ? (schema.strict() as z.ZodType) : schema
  return async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = await strict.safeParseAsync(req.body ?? {})
    if (!parsed.success) {
      return next(
        new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${describeIssues(parsed.error.issues)}`)
      )
    }
    // what Medusa's validateAndTransformBody sets for a plain schema, from the one parse
    req.validatedBody = parsed.data
    return next()
  }
}
