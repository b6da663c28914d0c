import fs from "fs"
import path from "path"
import fc from "fast-check"
import { RecommendationOptionsSchema } from "../../modules/recommendation/utils/options"
import {
  isKnownOptionKey,
  MEDUSA_OPTION_KEYS,
  MODULE_OPTION_SCHEMAS,
  PLUGIN_OPTION_NAMES,
  refuseUnknownPluginOptions,
  unknownOptionKeys,
} from "../plugin-options"

const LIST = PLUGIN_OPTION_NAMES.join(", ")
const KNOWN = [...PLUGIN_OPTION_NAMES, ...MEDUSA_OPTION_KEYS]

function errorOf(raw: unknown): { type?: string; message: string } | null {
  try {
    refuseUnknownPluginOptions(raw)
    return null
  } catch (e) {
    return e as { type: string; message: string }
  }
}

describe("the plugin's option names", () => {
  it("come from every module's options schema (src/modules/<module>/utils/options.ts)", () => {
    const modules = path.join(__dirname, "..", "..", "modules")
    const withOptions = fs
      .readdirSync(modules)
      .filter((name) => fs.existsSync(path.join(modules, name, "utils", "options.ts")))
    expect(Object.keys(MODULE_OPTION_SCHEMAS).sort()).toEqual(withOptions.sort())
    for (const name of withOptions) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(path.join(modules, name, "utils", "options.ts")))
      expect(exported).toContain(MODULE_OPTION_SCHEMAS[name])
    }
  })

  it("are the modules' schemas' names, and Medusa adds database", () => {
    expect(PLUGIN_OPTION_NAMES).toEqual(Object.keys(RecommendationOptionsSchema.shape))
    expect(PLUGIN_OPTION_NAMES).toContain("min_support")
    expect(MEDUSA_OPTION_KEYS).toEqual(["database"])
  })
})

describe("refuseUnknownPluginOptions", () => {
  it.each([
    ["no options", undefined],
    ["null", null],
    ["an empty object", {}],
    ["Medusa's database settings", { database: { clientUrl: "postgres://x", schema: "public" } }],
    ["an option", { min_support: 3 }],
    ["a bad value of an option (the module's schema judges values)", { min_support: "abc" }],
    ["an option left undefined", { affinity_full_rebuild_days: undefined }],
    ["every option", Object.fromEntries(PLUGIN_OPTION_NAMES.map((name) => [name, 1]))],
    ["Medusa's symbol key", { [Symbol("isSharedConnection")]: true, database: {} }],
  ])("accepts %s", (_, raw) => {
    expect(errorOf(raw)).toBeNull()
  })

  it.each([
    [{ min_suport: 3 }, "unknown option 'min_suport', did you mean 'min_support'?"],
    [{ minSupport: 3 }, "unknown option 'minSupport', did you mean 'min_support'?"],
    [
      { "affinity-full-rebuild-days": "14" },
      "unknown option 'affinity-full-rebuild-days', did you mean 'affinity_full_rebuild_days'?",
    ],
    [{ cache_ttl: 0 }, "unknown option 'cache_ttl'"],
    [{ databse: {} }, "unknown option 'databse', did you mean 'database'?"],
    [{ indexes: [] }, "unknown option 'indexes'"],
    [{ providers: [] }, "unknown option 'providers'"],
    [{ foo: undefined }, "unknown option 'foo'"],
    [{ "": 1 }, "unknown option ''"],
    [{ 'a"b\n': 1 }, "unknown option 'a\\\"b\\n'"],
    [{ ["x".repeat(100)]: 1 }, `unknown option '${"x".repeat(57)}...'`],
    [
      { min_support: 2, history_cap: 10, max_seed: 5, colour: "red" },
      "unknown option 'max_seed', did you mean 'max_seeds'?; unknown option 'colour'",
    ],
  ])("refuses %j: %s", (raw, problems) => {
    const e = errorOf(raw)
    expect(e?.type).toBe("invalid_data")
    expect(e?.message).toBe(
      `medusa-plugin-personalization: ${problems} (the plugin's options are ${LIST}; README, "Options")`
    )
  })

  it.each([["abc"], [7], [[1]], [true]])("refuses options %p that are not an object", (raw) => {
    expect(errorOf(raw)?.message).toMatch(/^medusa-plugin-personalization: options must be an object, got /)
  })

  it("refuses any generated key that is not known, naming it, whatever else is given", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((key) => !KNOWN.includes(key)),
        fc.anything(),
        fc.dictionary(fc.constantFrom(...KNOWN), fc.anything()),
        (key, value, known) => {
          const raw = { ...known, [key]: value }
          expect(isKnownOptionKey(key)).toBe(false)
          expect(unknownOptionKeys(raw).map((u) => u.key)).toEqual([key])
          const e = errorOf(raw)
          expect(e?.type).toBe("invalid_data")
          expect(e?.message).toContain(`unknown option '${JSON.stringify(key).slice(1, -1).slice(0, 60)}`)
          for (const name of Object.keys(known)) {
            expect(e?.message).not.toContain(`unknown option '${name}'`)
          }
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("never refuses known keys, whatever their values", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KNOWN), fc.anything()), (raw) => {
        expect(unknownOptionKeys(raw)).toEqual([])
        expect(errorOf(raw)).toBeNull()
      }),
      { numRuns: 2000 }
    )
  })
})
