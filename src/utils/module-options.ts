import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

/**
 * Module options: one zod schema per module is the single definition of its options (names,
 * defaults, rules), parsed once when Medusa constructs the module's service at startup, so a bad
 * value stops the server with a message naming the module, the option and the value received.
 *
 * - Numeric strings (environment variables are strings) are read as numbers: "14" and " 14 " are
 *   14. Anything else that is not a number of the expected kind is refused, including "", "1e3",
 *   "7.5", NaN, Infinity, null, booleans, objects.
 * - An option left out (or `undefined`) takes its default.
 * - Keys the schema does not know are left alone here: Medusa hands a plugin's one options object
 *   to every module of the plugin (each module sees its siblings' options) and adds `database`, so
 *   one module cannot tell a misspelt option from someone else's. The plugin as a whole can:
 *   `refuseUnknownPluginOptions` (plugin-options.ts) refuses a key no module's schema has.
 */

/** Largest value an integer option takes: PostgreSQL's `integer` (options reach SQL as bound parameters). */
export const MAX_INT_OPTION = 2147483647

const DIGITS = /^\s*\d+\s*$/

/** A string of decimal digits becomes its number; every other value is left for the schema to judge. */
export function coerceNumericString(value: unknown): unknown {
  return typeof value === "string" && DIGITS.test(value) ? Number(value) : value
}

/**
 * An integer option from `min` (0 or 1) to MAX_INT_OPTION with a default. The message says what
 * the option must be; `parseModuleOptions` adds the module, the option's name and the value given.
 */
export function intOption(min: 0 | 1, defaultValue: number) {
  const must = min === 1 ? "must be a positive integer" : "must be a non-negative integer"
  return z
    .preprocess(
      coerceNumericString,
      z
        .number({ error: must })
        .int({ error: must })
        .min(min, { error: must })
        .max(MAX_INT_OPTION, { error: `${must} (at most ${MAX_INT_OPTION})` })
    )
    .default(defaultValue)
}

/** A received value as the error message shows it: strings quoted, numbers as written, objects as JSON. */
export function describeValue(value: unknown): string {
  let text: string
  if (typeof value === "string") {
    text = JSON.stringify(value)
  } else if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    text = String(value)
  } else if (typeof value === "bigint") {
    text = `${value}n`
  } else if (typeof value === "function" || typeof value === "symbol") {
    text = `a ${typeof value}`
  } else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value)
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * Parses a module's raw options with its schema: the options with defaults filled, or one
 * MedusaError(INVALID_DATA) naming every bad option, e.g.
 * `recommendation: option affinity_full_rebuild_days must be a positive integer, got "abc"`.
 */
export function parseModuleOptions<S extends z.ZodObject>(module: string, schema: S, raw: unknown): z.output<S> {
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${module}: options must be an object, got ${describeValue(raw)}`
    )
  }
  const given = (raw ?? {}) as Record<string, unknown>
  const result = schema.safeParse(given)
  if (result.success) {
    return result.data
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0])
    return `${module}: option ${name} ${issue.message}, got ${describeValue(given[name])}`
  })
  throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
}
