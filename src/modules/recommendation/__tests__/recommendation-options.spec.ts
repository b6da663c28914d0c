import { initModules, moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from ".."
import RecommendationModuleService from "../service"
import RecommendationRule from "../models/recommendation-rule"
import { DEFAULT_OPTIONS } from "../types"
import { PLUGIN_OPTION_NAMES } from "../../../utils/plugin-options"

jest.setTimeout(60000)

/**
 * Boots a module of the plugin the way the runner does (MedusaApp on real PostgreSQL) with these
 * options: the recommendation module unless another is named.
 */
async function boot(
  clientUrl: string,
  schema: string,
  options: Record<string, unknown>,
  module = RECOMMENDATION_MODULE
) {
  const connection = createPgConnection({ clientUrl, schema })
  const modulesConfig = {
    [module]: {
      resolve: `./src/modules/${module}`,
      options: { database: { clientUrl, schema }, ...options },
    },
  }
  try {
    const { shutdown } = await initModules({
      injectedDependencies: {
        [ContainerRegistrationKeys.PG_CONNECTION]: connection,
        [ContainerRegistrationKeys.LOGGER]: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} },
        [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig },
      },
      modulesConfig,
      databaseConfig: { clientUrl, schema },
      preventConnectionDestroyWarning: true,
    })
    await shutdown()
    return null
  } catch (e) {
    return e as Error
  } finally {
    await connection.destroy()
  }
}

moduleIntegrationTestRunner<RecommendationModuleService>({
  moduleName: RECOMMENDATION_MODULE,
  moduleModels: [RecommendationRule],
  resolve: "./src/modules/recommendation",
  // As a store's environment gives them (strings); the runner adds Medusa's own `database` and symbol key.
  moduleOptions: { affinity_full_rebuild_days: "14", event_rate_per_minute: " 300 " },
  testSuite: ({ service, dbConfig }) => {
    describe("recommendation module options at startup", () => {
      it("starts with numeric strings read as numbers and the other options at their defaults", async () => {
        expect(service.settings).toEqual({
          ...DEFAULT_OPTIONS,
          affinity_full_rebuild_days: 14,
          event_rate_per_minute: 300,
        })
        expect(await service.listRecommendationRules({})).toEqual([])
      })

      it("does not start with a bad option: the error names the module, the option and the value", async () => {
        const e = await boot(dbConfig.clientUrl, dbConfig.schema, { affinity_full_rebuild_days: "abc" })
        expect(e?.message).toBe(
          'recommendation: option affinity_full_rebuild_days must be a positive integer, got "abc"'
        )
        const several = await boot(dbConfig.clientUrl, dbConfig.schema, { history_cap: -1, cache_ttl_seconds: 1.5 })
        expect(several?.message).toContain("recommendation: option history_cap must be a positive integer, got -1")
        expect(several?.message).toContain(
          "recommendation: option cache_ttl_seconds must be a non-negative integer, got 1.5"
        )
      })

      it("does not start with a misspelt option: the error names it and the option it misspells", async () => {
        const e = await boot(dbConfig.clientUrl, dbConfig.schema, { min_suport: 3, event_rate_per_minute: 300 })
        expect(e?.message).toBe(
          "medusa-plugin-personalization: unknown option 'min_suport', did you mean 'min_support'? " +
            `(the plugin's options are ${PLUGIN_OPTION_NAMES.join(", ")}; README, "Options")`
        )
        const far = await boot(dbConfig.clientUrl, dbConfig.schema, { colour: "red" })
        expect(far?.message).toMatch(
          /^medusa-plugin-personalization: unknown option 'colour' \(the plugin's options are /
        )
      })

      // Medusa gives the plugin's one options object to each of its modules: each refuses the misspelling.
      it.each(["segment", "objective", "data_audit", "plan"])(
        "the %s module does not start with a misspelt plugin option either",
        async (module) => {
          const e = await boot(dbConfig.clientUrl, dbConfig.schema, { max_seed: 5 }, module)
          expect(e?.message).toMatch(
            /^medusa-plugin-personalization: unknown option 'max_seed', did you mean 'max_seeds'\? /
          )
          expect(await boot(dbConfig.clientUrl, dbConfig.schema, { max_seeds: 5 }, module)).toBeNull()
        }
      )

      it("starts again with good options after a refused start", async () => {
        expect(await boot(dbConfig.clientUrl, dbConfig.schema, { affinity_full_rebuild_days: 3 })).toBeNull()
      })
    })
  },
})
