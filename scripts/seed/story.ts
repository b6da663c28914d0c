import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import fs from "fs"
import os from "os"
import path from "path"
import { importOrderLines } from "../import/import-orders"
import { experimentOrderLines, ExperimentCustomer, ExperimentProduct } from "./experiment-orders"
import { OBJECTIVE_MODULE } from "../../src/modules/objective"
import type ObjectiveModuleService from "../../src/modules/objective/service"
import { assignGroup } from "../../src/modules/objective/utils/holdout"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import type RecommendationModuleService from "../../src/modules/recommendation/service"
import { servedRuleIds } from "../../src/modules/recommendation/utils/engine"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import type DataAuditModuleService from "../../src/modules/data_audit/service"
import { createSegmentWorkflow } from "../../src/workflows/segment/create-segment"
import { evaluateSegmentWorkflow } from "../../src/workflows/segment/evaluate-segment"
import { createObjectiveWorkflow } from "../../src/workflows/objective/create-objective"
import { linkObjectiveWorkflow } from "../../src/workflows/objective/link-objective"
import { snapshotObjectiveWorkflow } from "../../src/workflows/objective/snapshot-objective"
import { linkedSegmentIds } from "../../src/workflows/objective/steps/create-snapshots"
import { createRecommendationRuleWorkflow } from "../../src/workflows/recommendation/recommendation-rules"
import { rebuildProductAffinityWorkflow } from "../../src/workflows/recommendation/rebuild-product-affinity"
import { recommendProductsWorkflow } from "../../src/workflows/recommendation/recommend-products"
import { recordRecommendationEventWorkflow } from "../../src/workflows/recommendation/record-recommendation-event"
import { startDataAudit } from "../../src/workflows/data-audit/start-data-audit"
import { ensureDemoCustomer } from "./demo-customer"
import { PLAN_MODULE } from "../../src/modules/plan"
import type PlanModuleService from "../../src/modules/plan/service"
import { createRequirementWorkflow } from "../../src/workflows/plan/create-requirement"
import { createDataSourceWorkflow } from "../../src/workflows/plan/data-sources"
import { enableSegmentGroupSyncWorkflow } from "../../src/workflows/segment/group-sync"
import { SEGMENT_TEMPLATES, SegmentTemplate } from "../../src/types/segment-templates"
import type { RuleNode } from "../../src/modules/segment/utils/rules"

const DAY = 86400000
const WEEKS = 8
const WINDOW_DAYS = 14
export const DEMO_SEED_MARK = "personalization-demo"
export const OBJECTIVE_NAME = "Raise repeat-purchase rate of recent buyers"

function template(id: string): SegmentTemplate {
  const found = SEGMENT_TEMPLATES.find((t) => t.id === id)
  if (!found) {
    throw new Error(`no segment template ${id}`)
  }
  return found
}

/** The demo's segments: the admin's templates (one definition of each), and one of its own. */
export const DEMO_SEGMENTS: readonly { handle: string; name: string; description: string; rules: RuleNode }[] = [
  { handle: "frequent-high-spenders", ...pick(template("frequent-high-spenders")) },
  { handle: "lapsed-customers", ...pick(template("lapsed-buyers")), name: "Lapsed customers" },
  {
    handle: "one-time-buyers",
    name: "One-time buyers",
    description: "Exactly one order",
    rules: {
      type: "all",
      conditions: [{ type: "condition", attribute: "order_count", operator: "eq", value: 1 }],
    },
  },
]

function pick({ name, description, rules }: SegmentTemplate) {
  return { name, description, rules }
}

export type SeedStoryOptions = { now?: Date; events_customers?: number; password?: string }

export type SeedStorySummary = {
  objective_id: string
  segment_ids: string[]
  rule_ids: string[]
  audit_run_id: string | null
  simulated_orders: number
  snapshots: number
  events: number
  customer: { email: string; password: string } | null
  created: string[]
}

const mark = { seeded_by: DEMO_SEED_MARK }
export const DEMO_POS_NAME = "Shop tills (POS)"

/**
 * The demo's story, through the plugin's workflows: segments, an objective with a 10% holdout, a
 * boost and a pin rule, eight weeks of simulated treatment/holdout orders (through the importer),
 * weekly snapshots, recommendation events, a data audit run and a demo customer who can sign in.
 * Idempotent: each piece is looked up (handle, name, marker) first; a second run adds nothing.
 */
export async function seedDemoStory(
  container: MedusaContainer,
  options: SeedStoryOptions = {}
): Promise<SeedStorySummary> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const now = options.now ?? new Date()
  const created: string[] = []
  const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const objectives: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
  const recommendations: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  const audits: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
  const currency =
    store?.supported_currencies?.find((c) => c.is_default)?.currency_code ??
    store?.supported_currencies?.[0]?.currency_code ??
    "gbp"
  const start = new Date(Math.floor(now.getTime() / DAY) * DAY - WEEKS * 7 * DAY)

  // 1. Segments
  const segmentIds: string[] = []
  for (const s of DEMO_SEGMENTS) {
    let [segment] = await segments.listSegments({ handle: s.handle }, { take: 1 })
    if (!segment) {
      const { result } = await createSegmentWorkflow(container).run({
        input: {
          segment: { ...s, rules: s.rules, currency_code: currency, status: "active", metadata: mark },
          reason: "Demo story",
        },
      })
      segment = result
      created.push(`segment ${s.handle}`)
    }
    segmentIds.push(segment.id)
  }

  // 2. The objective: baseline from the history before the experiment, target +5 points
  let [objective] = await objectives.listObjectives({ name: OBJECTIVE_NAME }, { take: 1 })
  if (!objective) {
    const baselineEnd = start
    const baselineStart = new Date(start.getTime() - (90 + WINDOW_DAYS) * DAY)
    const m = await objectives.measureMetric({
      metric: "repeat_purchase_rate",
      currency_code: currency,
      start: baselineStart,
      end: baselineEnd,
      window_days: WINDOW_DAYS,
    })
    const baseline = m.groups.all?.value ?? 0
    const { result } = await createObjectiveWorkflow(container).run({
      input: {
        objective: {
          name: OBJECTIVE_NAME,
          business_outcome: "Recent buyers come back within two weeks more often",
          metric: "repeat_purchase_rate",
          metric_window_days: WINDOW_DAYS,
          currency_code: currency,
          target: Math.min(1, Math.round((baseline + 0.05) * 1000) / 1000),
          holdout_share: 0.1,
          status: "active",
          rationale: "Personalized home and cart recommendations should bring recent buyers back sooner.",
          baseline_window_start: baselineStart,
          baseline_window_end: baselineEnd,
          metadata: mark,
        },
        reason: "Demo story",
      },
    })
    objective = result
    created.push("objective")
  }
  if (!(await linkedSegmentIds(container, objective.id)).includes(segmentIds[0])) {
    await linkObjectiveWorkflow(container).run({
      input: { objective_id: objective.id, segment_ids: { add: [segmentIds[0]] }, reason: "Demo story" },
    })
    created.push("objective-segment link")
  }

  // 3. Rules: boost a best seller and pin another one for the frequent high spenders
  const products = await importedProducts(container, currency)
  const ruleIds: string[] = []
  const rules = [
    { name: "Boost a best seller for frequent high spenders", action: "boost" as const, weight: 2, product: 0 },
    { name: "Pin a favourite for frequent high spenders", action: "pin" as const, weight: 1, product: 1 },
  ]
  for (const r of rules) {
    let [rule] = await recommendations.listRecommendationRules({ name: r.name }, { take: 1 })
    if (!rule && products[r.product]) {
      const { result } = await createRecommendationRuleWorkflow(container).run({
        input: {
          name: r.name,
          action: r.action,
          target_type: "product",
          target_id: products[r.product].id,
          weight: r.weight,
          segment_id: segmentIds[0],
          objective_id: objective.id,
          status: "active",
          metadata: mark,
          reason: "Demo story",
        },
      })
      rule = result
      created.push(`rule ${r.action}`)
    }
    if (rule) ruleIds.push(rule.id)
  }

  // 3b. The plan's thread: a requirement the objective answers to (satisfied by the segment and the
  // rules), and a shop POS declared on the data map that does not reach Medusa yet
  const plans = container.resolve<PlanModuleService>(PLAN_MODULE)
  const [requirement] = await plans.listRequirements({ objective_id: objective.id }, { take: 1 })
  if (!requirement) {
    await createRequirementWorkflow(container).run({
      input: {
        requirement: {
          role: "marketing",
          statement: "Frequent high spenders see the products they are most likely to buy next first",
          acceptance_criterion: "Repeat purchase within 14 days at least 5 points above the holdout",
          priority: "must",
          owner: "CRM lead",
          objective_id: objective.id,
        },
        links: [
          { target_type: "segment", target_id: segmentIds[0] },
          ...ruleIds.map((id) => ({ target_type: "recommendation_rule" as const, target_id: id })),
        ],
        reason: "Demo story",
      },
    })
    created.push("requirement")
  }
  const [pos] = await plans.listDataSources({ name: DEMO_POS_NAME }, { take: 1 })
  if (!pos) {
    await createDataSourceWorkflow(container).run({
      input: {
        data_source: {
          name: DEMO_POS_NAME,
          kind: "pos",
          owner: "Store operations",
          description: "Till sales in the two shops; exported to spreadsheets, not to Medusa",
          holds: [{ feeds: "orders", what: "in-store purchases" }],
          sync_method: "none",
          reaches_medusa: false,
        },
        reason: "Demo story",
      },
    })
    created.push("declared POS")
  }

  // 4. Eight weeks of treatment and holdout orders, through the importer (idempotent by invoice)
  let simulated = 0
  const customers = await importedCustomers(container)
  const plan = {
    objective_id: objective.id,
    holdout_share: objective.holdout_share,
    start,
    weeks: WEEKS,
    active_share: 0.6,
    repeat: { treatment: 0.16, holdout: 0.04 },
    first_invoice: 900000,
    seed: 7,
  }
  const { lines } = experimentOrderLines(plan, customers, products)
  if (lines.length > 1) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "demo-seed-")), "experiment.csv")
    fs.writeFileSync(file, lines.join("\n") + "\n")
    try {
      const summary = await importOrderLines(container, { file })
      simulated = summary.orders.created
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true })
    }
    if (simulated) {
      await segments.syncMissingOrderFacts()
      await rebuildProductAffinityWorkflow(container).run()
      created.push(`${simulated} experiment orders`)
    }
  }

  // 5. Memberships now
  for (const id of segmentIds) {
    await evaluateSegmentWorkflow(container).run({ input: id })
  }

  // 5b. The frequent high spenders kept in a Medusa customer group (for promotions and price lists)
  const [sync] = await segments.listSegmentGroupSyncs({ segment_id: segmentIds[0] }, { take: 1 })
  if (!sync?.enabled) {
    await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segmentIds[0] } })
    created.push("customer group sync")
  }

  // 6. Weekly snapshots (cumulative since the experiment started)
  let snapshots = (await objectives.listObjectiveSnapshots({ objective_id: objective.id }, { take: 1 })).length
  if (!snapshots) {
    for (let week = 3; week <= WEEKS; week++) {
      const period_end = new Date(Math.min(start.getTime() + week * 7 * DAY, now.getTime()))
      const { result } = await snapshotObjectiveWorkflow(container).run({
        input: { objective_id: objective.id, period_start: start, period_end },
      })
      snapshots += result.length
    }
    created.push(`${snapshots} snapshots`)
  }

  // 7. Recommendations served to some treatment members, with impressions and clicks
  const events = await seedEvents(container, objective, segmentIds[0], options.events_customers ?? 20)
  if (events) created.push(`${events} recommendation events`)

  // 8. A completed data audit run
  let [run] = await audits.listAuditRuns({ status: "completed" }, { take: 1 })
  if (!run) {
    run = await startDataAudit(container, { trigger: "cli", wait: true })
    created.push("audit run")
  }

  // 9. A customer who can sign in on the storefront: a frequent high spender in treatment
  const [member] = await segments.listSegmentMemberships(
    { segment_id: segmentIds[0], exited_at: null },
    { select: ["customer_id"], take: 50, order: { customer_id: "ASC" } }
  )
  const customer = member
    ? await ensureDemoCustomer(container, member.customer_id, options.password ?? "demo-shopper")
    : null

  logger.info(`demo story: ${created.length ? `created ${created.join(", ")}` : "already seeded, nothing added"}`)
  return {
    objective_id: objective.id,
    segment_ids: segmentIds,
    rule_ids: ruleIds,
    audit_run_id: run?.id ?? null,
    simulated_orders: simulated,
    snapshots,
    events,
    customer,
    created,
  }
}

/** Imported products (they carry the file's stock code) with their price in the currency. */
async function importedProducts(
  container: MedusaContainer,
  currency: string
): Promise<(ExperimentProduct & { id: string })[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "title", "metadata", "variants.prices.amount", "variants.prices.currency_code"],
    pagination: { take: 200, order: { created_at: "ASC" } },
  })
  const out: (ExperimentProduct & { id: string })[] = []
  for (const p of data as any[]) {
    const code = p.metadata?.stock_code
    const price = (p.variants ?? [])
      .flatMap((v: any) => v.prices ?? [])
      .find((x: any) => x.currency_code === currency)?.amount
    if (typeof code === "string" && Number(price) > 0) {
      out.push({ id: p.id, stock_code: code, title: p.title, price: Number(price) })
    }
  }
  return out
}

/** Customers the importer created (they carry the file's customer id). */
async function importedCustomers(container: MedusaContainer): Promise<ExperimentCustomer[]> {
  const customers = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({}, { select: ["id", "metadata"], take: null, order: { created_at: "ASC" } })
  return customers
    .filter((c) => typeof c.metadata?.source_customer_id === "string")
    .map((c) => ({
      id: c.id,
      source_customer_id: c.metadata!.source_customer_id as string,
      country: (c.metadata?.country as string) ?? null,
    }))
}

/** Serves home recommendations to treatment members of the segment and records what they saw and clicked. */
async function seedEvents(
  container: MedusaContainer,
  objective: { id: string; holdout_share: number },
  segmentId: string,
  count: number
): Promise<number> {
  const recommendations: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  const existing = await recommendations.listRecommendationEvents({ objective_id: objective.id }, { take: 1 })
  if (existing.length) return 0
  const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const members = await segments.listSegmentMemberships(
    { segment_id: segmentId, exited_at: null },
    { select: ["customer_id"], take: null, order: { customer_id: "ASC" } }
  )
  const [channel] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { take: 1 })
  let events = 0
  const chosen = members
    .map((m) => m.customer_id)
    .filter((id) => assignGroup(objective.id, id, objective.holdout_share) === "treatment")
    .slice(0, count)
  for (const [i, customerId] of chosen.entries()) {
    const { result } = await recommendProductsWorkflow(container).run({
      input: {
        placement: "home",
        customer_id: customerId,
        limit: 8,
        sales_channel_ids: channel ? [channel.id] : [],
      },
    })
    const productIds = result.items.map((x) => x.product_id)
    if (!productIds.length) continue
    await recommendations.recordServe({
      id: result.recommendation_id,
      customer_id: customerId,
      cart_id: null,
      placement: "home",
      product_ids: productIds,
      objective_id: result.experiment.objective_id,
      experiment_group: result.experiment.group,
      rule_ids: servedRuleIds(result.items, result.exclude_rule_ids),
    })
    const record = (type: "impression" | "click", product_id: string) =>
      recordRecommendationEventWorkflow(container).run({
        input: {
          type,
          recommendation_id: result.recommendation_id,
          product_id,
          customer_id: customerId,
          visitor_key: customerId,
        },
      })
    for (const productId of productIds.slice(0, 4)) {
      await record("impression", productId)
      events++
    }
    // about every other shopper clicks the first item
    if (i % 2 === 0) {
      await record("click", productIds[0])
      events++
    }
  }
  return events
}
