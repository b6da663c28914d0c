import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { linkObjectiveWorkflow } from "../../../../../workflows/objective/link-objective"
import { AdminObjectiveLinksType } from "../../validators"
import { retrieveObjectiveWithLinks } from "../../helpers"
import type { Served } from "../../../../../types/served"
import type { AdminObjectiveResponse } from "../../../../../types/objectives"

/** Link or unlink segments and recommendation rules (each change is logged). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminObjectiveLinksType>, res: MedusaResponse) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const { reason, ...changes } = req.validatedBody
  await linkObjectiveWorkflow(req.scope).run({
    input: {
      objective_id: req.params.id,
      ...changes,
      actor_id: req.auth_context?.actor_id ?? null,
      reason: reason ?? null,
    },
  })
  res.json({
    objective: await retrieveObjectiveWithLinks(req.scope, req.params.id),
  } satisfies Served<AdminObjectiveResponse>)
}
