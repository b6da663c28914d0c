import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { productFacts } from "./repositories/catalog"
import { purchaseHistory } from "./repositories/reads"
import { engineGroup, RecommendationContext, RecommendForInput, RecommendForResult } from "./types"
import { selectBuyAgain } from "./utils/buy-again"
import { applicableRules } from "./utils/engine"
import { EngineRule } from "./utils/types"

/**
 * The `buy_again` placement: the customer's due re-buys (utils/buy-again.ts). Anonymous requests
 * are refused; a customer in the engine objective's holdout gets an empty, non-personalized list.
 * Active rules apply as on the other placements (each per its own objective's group and segment).
 */
export async function buyAgainList(
  db: unknown,
  input: RecommendForInput,
  context: RecommendationContext,
  now: Date,
  limit: number,
  rules: EngineRule[] = []
): Promise<RecommendForResult> {
  if (!input.customer_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Invalid request: placement: buy_again needs a logged-in customer"
    )
  }
  const group = engineGroup(context)
  const personalized = group !== "holdout"
  const history = personalized ? await purchaseHistory(db, input.customer_id) : []
  const facts = await productFacts(
    db,
    history.map((h) => h.product_id),
    input.sales_channel_ids
  )
  const out = selectBuyAgain({
    history,
    facts,
    cart_product_ids: context.cart_product_ids ?? [],
    now,
    limit,
    rules: applicableRules({
      rules,
      segment_ids: context.segment_ids,
      personalized,
      holdout_objective_ids: context.groups.filter((g) => g.group === "holdout").map((g) => g.objective_id),
    }),
  })
  return {
    recommendation_id: generateEntityId(undefined, "rec"),
    placement: input.placement,
    items: out.items,
    filters: out.filters,
    experiment: { objective_id: context.engine_objective_id, group, personalized, groups: context.groups },
    segment_ids: [],
    rules_applied: out.rules_applied,
    exclude_rule_ids: out.exclude_rule_ids,
  }
}
