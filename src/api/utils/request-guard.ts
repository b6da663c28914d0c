import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** Deepest JSON nesting a plugin route accepts (a rule tree of depth 8 nests about 18 levels). */
export const MAX_JSON_DEPTH = 40

/** Most values (objects, arrays and scalars) in one request body or query. */
export const MAX_JSON_VALUES = 50_000

/** Keys that would reach an object's prototype when copied with `obj[key] = value`. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"])

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export type InputProblem = { path: string; message: string }

/** Why PostgreSQL cannot store this string (text and jsonb reject NUL and lone surrogates), or null. */
export function unstorable(s: string): string | null {
  if (s.includes("\u0000")) {
    return "contains a NUL character (\\u0000), which cannot be stored"
  }
  if (LONE_SURROGATE.test(s)) {
    return "contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored"
  }
  return null
}

function childPath(base: string, key: string | number): string {
  return typeof key === "number"
    ? `${base}[${key}]`
    : /^[A-Za-z_][\w]*$/.test(key)
      ? `${base}.${key}`
      : `${base}[${JSON.stringify(key)}]`
}

/**
 * The first problem in a parsed JSON body or query: a string PostgreSQL cannot store, a
 * prototype key, nesting deeper than MAX_JSON_DEPTH or more than MAX_JSON_VALUES values.
 * Iterative, so an input nested 100,000 levels deep cannot overflow the stack.
 */
export function findInputProblem(root: unknown, base: string): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: base, depth: 0 }]
  let seen = 0
  while (stack.length) {
    const { value, path, depth } = stack.pop()!
    if (++seen > MAX_JSON_VALUES) {
      return { path: base, message: `has more than ${MAX_JSON_VALUES} values` }
    }
    if (typeof value === "string") {
      const why = unstorable(value)
      if (why) {
        return { path, message: why }
      }
      continue
    }
    if (value === null || typeof value !== "object") {
      continue
    }
    if (depth >= MAX_JSON_DEPTH) {
      return { path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]])
    for (const [key, child] of entries) {
      if (typeof key === "string") {
        const why = PROTOTYPE_KEYS.has(key) ? `"${key}" is not allowed as a key` : unstorable(key)
        if (why) {
          // eslint-disable-next-line no-control-regex -- the NUL itself is what is replaced
          return { path: childPath(path, key.replace(/[\u0000\ud800-\udfff]/g, "?")), message: `key ${why}` }
        }
      }
      stack.push({ value: child, path: childPath(path, key), depth: depth + 1 })
    }
  }
  return null
}

/** The first path segment that is not valid percent-encoded UTF-8 or decodes to an unstorable string. */
export function findPathProblem(path: string): InputProblem | null {
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return { path: "path", message: `segment "${segment.slice(0, 60)}" is not valid percent-encoded UTF-8` }
    }
    const why = unstorable(decoded)
    if (why) {
      return { path: "path", message: `segment "${segment.slice(0, 60)}" ${why}` }
    }
  }
  return null
}

/**
 * Runs before every plugin route's own validation: refuses, with a 400 naming the field, input
 * that no validator should have to think about (strings PostgreSQL cannot store, prototype keys,
 * absurd nesting) so none of it reaches a query or a schema's recursion.
 */
export function guardRequestInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const problem =
    // originalUrl: a middleware mounted on a prefix sees req.path without it
    findPathProblem((req.originalUrl ?? req.url).split("?")[0]) ??
    findInputProblem(req.query, "query") ??
    (req.body !== undefined ? findInputProblem(req.body, "body") : null)
  if (problem) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${problem.path} ${problem.message}`))
  }
  next()
}

/** Every route family of the plugin, for `guardRequestInput`. */
export const PLUGIN_ROUTE_PREFIXES = [
  "/admin/segments",
  "/admin/objectives",
  "/admin/data-audit",
  "/admin/recommendations",
  "/admin/decision-log",
  "/admin/requirements",
  "/admin/data-map",
  "/admin/personalization",
  "/store/recommendations",
  "/store/objectives",
  "/store/customers/me/segments",
]
