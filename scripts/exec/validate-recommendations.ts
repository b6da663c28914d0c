import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { validateRecommendationsWorkflow } from "../../src/workflows/recommendation/validate-recommendations"
import { toAdminValidation } from "../../src/api/admin/recommendations/helpers"
import type { AdminRecommendationValidation } from "../../src/types/recommendations"
import { formatValidation } from "../lib/validation-report"

/**
 * `medusa exec ./scripts/exec/validate-recommendations.ts [json]` (`npm run recommendations:validate`):
 * validates the recommendation candidates on the store's orders, stores the choice (served from
 * then on) and prints the table of candidates and the choice (or JSON). Exit code 1 when it fails.
 */
export default async function validateRecommendations({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const started = Date.now()
  const { result, errors } = await validateRecommendationsWorkflow(container).run({
    input: { trigger: "cli" },
    throwOnError: false,
  })
  if (errors.length) {
    errors.forEach((e) => logger.error(`validation failed: ${e.error?.message ?? e.error}`))
    process.exitCode = 1
    return
  }
  const validation = JSON.parse(JSON.stringify(toAdminValidation(result))) as AdminRecommendationValidation
  if ((args ?? []).includes("json")) {
    process.stdout.write(JSON.stringify({ validation }, null, 2) + "\n")
    return
  }
  process.stdout.write(`\n${formatValidation(validation)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`)
}
