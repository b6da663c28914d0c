import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTES, OPERATORS } from "../../../../modules/segment/utils"
import type { Served } from "../../../../types/served"
import type { AdminSegmentAttributesResponse } from "../../../../types/segments"

/** The rule language: attributes (type, source, window) and operators (types, value shape, semantics). */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    attributes: Object.entries(ATTRIBUTES).map(([name, a]) => ({ name, ...a })),
    operators: Object.entries(OPERATORS).map(([name, o]) => ({
      name,
      types: o.types,
      shape: o.shape,
      semantics: o.semantics,
    })),
  } satisfies Served<AdminSegmentAttributesResponse>)
}
