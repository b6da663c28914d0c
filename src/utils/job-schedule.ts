import { MedusaError } from "@medusajs/framework/utils"
import { parseExpression } from "cron-parser"
import { describeValue } from "./module-options"

/**
 * Job schedules a store may set from the environment. The schedule is read when Medusa's job
 * loader requires the job file at startup (`JobLoader` in @medusajs/framework dist/jobs/job-loader.js,
 * awaited by @medusajs/medusa's loaders), so a bad value stops `medusa start` there, naming the
 * variable and the value, before anything is scheduled.
 *
 * "Valid" is what Medusa's scheduler can run, judged by the parser it uses: cron-parser 4.x, which
 * `@medusajs/workflow-engine-inmemory` calls (parseExpression, then next()) and BullMQ uses under
 * `@medusajs/workflow-engine-redis`. One rule more: 5 fields (minute hour day-of-month month
 * day-of-week), 6 (seconds first) or an `@` alias (`@daily`). cron-parser also takes 1 to 4 fields
 * and fills the rest, so `0 3 * *` would silently run at midnight on the 3rd of each month.
 */

const FIELDS =
  "5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly"

/** Why `expression` is not a schedule Medusa can run, or null when it is one. */
export function cronProblem(expression: string): string | null {
  const trimmed = expression.trim()
  const fields = trimmed === "" ? 0 : trimmed.split(/\s+/).length
  const alias = fields === 1 && trimmed.startsWith("@")
  if (!alias && fields !== 5 && fields !== 6) {
    return `has ${fields} field${fields === 1 ? "" : "s"}, a cron schedule has ${FIELDS}`
  }
  try {
    // next() as Medusa's in-memory engine does when it schedules: some expressions parse but never occur
    parseExpression(trimmed).next()
    return null
  } catch (e) {
    return `is not a cron schedule (${(e as Error).message}); a cron schedule has ${FIELDS}`
  }
}

/**
 * A job's cron schedule: the environment variable `variable` when set, `fallback` when it is
 * unset or empty. A value Medusa could not schedule throws INVALID_DATA naming the variable and
 * the value (the default is never used in its place), e.g.
 * `SEGMENT_EVALUATE_SCHEDULE="61 * * * *" is not a cron schedule (Constraint error, ...)`.
 */
export function scheduleFromEnv(variable: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = env[variable]
  const set = given !== undefined && given.trim() !== ""
  const expression = set ? given : fallback
  const problem = cronProblem(expression)
  if (problem !== null) {
    const source = set
      ? `${variable}=${describeValue(given)}`
      : `the default of ${variable}, ${describeValue(fallback)},`
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${source} ${problem}`)
  }
  return expression.trim()
}
