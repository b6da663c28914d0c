import { z } from "@medusajs/framework/zod"
import { intOption, parseModuleOptions } from "../../../utils/module-options"

/**
 * The recommendation module's options: the one definition of their names, defaults and rules
 * (src/utils/module-options.ts says how values are read). Medusa passes them to the service
 * constructor, which parses them at startup.
 */
export const RecommendationOptionsSchema = z.object({
  /** Most recent distinct products per customer counted in co-purchases (bounds wholesalers). */
  history_cap: intOption(1, 50),
  /** Neighbours read per seed product. */
  neighbors_per_product: intOption(1, 200),
  /** Pairs bought by fewer customers are never used (privacy: one customer's basket is not exposed). */
  min_support: intOption(1, 2),
  /** Seconds best-seller lists, product facts and anonymous lists are cached in memory; 0: not cached. */
  cache_ttl_seconds: intOption(0, 60),
  /** Most recent purchases used as seeds at request time. */
  max_seeds: intOption(1, 50),
  /** Co-purchase candidates examined per request, counting only products the customer may be shown (not bought, not in the cart or on the page). */
  max_candidates: intOption(1, 200),
  /** Hours after a list was served during which impressions and clicks on it are accepted. */
  event_window_hours: intOption(1, 24),
  /** Events one visitor (a customer, or one anonymous client address) may send per minute. */
  event_rate_per_minute: intOption(1, 120),
  /** Days a served list is kept (events are only accepted within event_window_hours anyway). */
  serve_retention_days: intOption(1, 30),
  /**
   * The nightly job recounts only customers whose orders changed; it runs the full co-purchase
   * rebuild instead once the last one is this many days old (a repair of what order timestamps miss).
   */
  affinity_full_rebuild_days: intOption(1, 7),
})

/** The module's settings after parsing: every option present, as a number. */
export type RecommendationSettings = z.output<typeof RecommendationOptionsSchema>

/** What a store may pass: any of the options (numbers, or numeric strings from the environment). */
export type RecommendationModuleOptions = { [K in keyof RecommendationSettings]?: RecommendationSettings[K] | string }

export const RECOMMENDATION_OPTION_NAMES = Object.keys(
  RecommendationOptionsSchema.shape
) as (keyof RecommendationSettings)[]

/** The recommendation module's options parsed: defaults filled, or an error naming each bad option. */
export function parseRecommendationOptions(raw: unknown): RecommendationSettings {
  return parseModuleOptions("recommendation", RecommendationOptionsSchema, raw)
}

/** Every option at its default. */
export const DEFAULT_OPTIONS: Readonly<RecommendationSettings> = Object.freeze(parseRecommendationOptions({}))
