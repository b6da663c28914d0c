import { initModules, moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from ".."
import RecommendationModuleService from "../service"
import RecommendationRule from "../models/recommendation-rule"
import { DEFAULT_OPTIONS } from "../types"

jest.setTimeout(60000)

/** Boots the module the way the runner does (MedusaApp on real PostgreSQL) with these options. */
async function boot(clientUrl: string, schema: string, options: Record<string, unknown>) {
  const connection = createPgConnection({ clientUrl, schema })
  const modulesConfig = {
    [RECOMMENDATION_MODULE]: {
      resolve: "./src/modules/recommendation",
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
  // As a store's environment gives them (strings), beside an option of another module of the plugin.
  moduleOptions: { affinity_full_rebuild_days: "14", event_rate_per_minute: " 300 ", objective_unknown_key: true },
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

      it("starts again with good options after a refused start", async () => {
        expect(await boot(dbConfig.clientUrl, dbConfig.schema, { affinity_full_rebuild_days: 3 })).toBeNull()
      })
    })
  },
})
