import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { RecommendationOptionsSchema } from "../modules/recommendation/utils/options"
import { describeValue } from "./module-options"
import { closestName } from "./edit-distance"

/** How the plugin names itself in a refused start (the package name a store puts in `plugins`). */
const PLUGIN = "medusa-plugin-personalization"

/**
 * Each module of the plugin that takes options, with its schema (the one definition of its option
 * names); a module not listed takes none. A module that gains options (utils/options.ts) adds its
 * schema here; a unit test fails until it does.
 */
export const MODULE_OPTION_SCHEMAS: Readonly<Record<string, z.ZodObject>> = {
  recommendation: RecommendationOptionsSchema,
}

/**
 * Keys Medusa 2.21.2 itself puts into the options of a module of this plugin. The plugin's one
 * options object goes by reference to every module it has (`@medusajs/utils`
 * dist/common/get-resolved-plugins.js, `resolvePlugin`), and `loadModules` in `@medusajs/modules-sdk`
 * dist/medusa-app.js sets `options.database` (the shared connection settings) on every internal
 * module, and on migrations too (`applyMigration`), plus a symbol key (`isSharedConnectionSymbol`),
 * which is not a name anyone types and is never checked. Medusa's other additions go to its own
 * modules only: `indexes` to the Search Module, `cloud` to notification, payment, search and auth
 * (`applyCloudOptionsToModules` in dist/common/define-config.js).
 */
export const MEDUSA_OPTION_KEYS: readonly string[] = ["database"]

/** Every option some module of the plugin accepts, in the order the schemas declare them. */
export const PLUGIN_OPTION_NAMES: readonly string[] = [
  ...new Set(Object.values(MODULE_OPTION_SCHEMAS).flatMap((schema) => Object.keys(schema.shape))),
]

const KNOWN = new Set([...PLUGIN_OPTION_NAMES, ...MEDUSA_OPTION_KEYS])

/** Whether `key` may appear in the plugin's options: an option of one of its modules, or Medusa's own. */
export function isKnownOptionKey(key: string): boolean {
  return KNOWN.has(key)
}

/**
 * The option keys no module of the plugin accepts and Medusa did not add, each with the known
 * name it most likely misspells (if one is close). Symbol keys are Medusa's and are not looked at.
 */
export function unknownOptionKeys(raw: Record<string, unknown>): { key: string; suggestion?: string }[] {
  return Object.keys(raw)
    .filter((key) => !isKnownOptionKey(key))
    .map((key) => {
      const suggestion = closestName(key, [...PLUGIN_OPTION_NAMES, ...MEDUSA_OPTION_KEYS])
      return suggestion === undefined ? { key } : { key, suggestion }
    })
}

/**
 * Refuses the plugin's options when a key is neither an option of one of its modules nor one of
 * Medusa's: a misspelt option would otherwise be ignored and its default used without a word.
 * Every module's service calls it in its constructor, so a store with such a key does not start:
 * `medusa-plugin-personalization: unknown option 'min_suport', did you mean 'min_support'? ...`.
 */
export function refuseUnknownPluginOptions(raw: unknown): void {
  if (raw === undefined || raw === null) {
    return
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${PLUGIN}: options must be an object, got ${describeValue(raw)}`
    )
  }
  const unknown = unknownOptionKeys(raw as Record<string, unknown>)
  if (!unknown.length) {
    return
  }
  const problems = unknown.map(({ key, suggestion }) =>
    suggestion === undefined
      ? `unknown option ${quote(key)}`
      : `unknown option ${quote(key)}, did you mean ${quote(suggestion)}?`
  )
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `${PLUGIN}: ${problems.join("; ")} (the plugin's options are ${PLUGIN_OPTION_NAMES.join(", ")}; README, "Options")`
  )
}

/** A key as the message shows it: in single quotes, with anything unprintable escaped as JSON would. */
function quote(key: string): string {
  const shown = key.length > 60 ? `${key.slice(0, 57)}...` : key
  return `'${JSON.stringify(shown).slice(1, -1)}'`
}
