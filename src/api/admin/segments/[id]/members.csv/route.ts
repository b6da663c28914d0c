import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { csvRow } from "../../../../../utils/csv"
import { retrieveSegmentOr404, segmentService } from "../../helpers"
import { MEMBERS_CSV_COLUMNS, MEMBERS_CSV_PAGE, memberCsvRows, membersCsvFilename, writeChunk } from "./helpers"

/**
 * A segment's current members as CSV (customer id, email, names, entered at, then the fact of
 * each rule condition as of the request), streamed page by page: memory stays at one page
 * whatever the segment's size. Members are read by keyset pages in customer id order; a member
 * who enters or leaves while the export runs may be missing from it or listed anyway.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const segment = await retrieveSegmentOr404(req.scope, req.params.id)
  const service = segmentService(req.scope)
  const customerModule = req.scope.resolve(Modules.CUSTOMER)
  const now = new Date()
  // the first page before any byte is sent: its failure is still an ordinary error response
  let page = await service.listMembersWithFacts(segment.id, { limit: MEMBERS_CSV_PAGE, now })
  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${membersCsvFilename(segment.handle, now)}"`)
  res.setHeader("Cache-Control", "no-store")
  // the admin downloads through the js-sdk, from another origin when its backend URL is elsewhere: let it read the name
  res.setHeader("Access-Control-Expose-Headers", "Content-Disposition")
  try {
    await writeChunk(res, csvRow([...MEMBERS_CSV_COLUMNS, ...page.fact_headers]))
    while (page.members.length && !res.destroyed) {
      const ids = page.members.map((m) => m.customer_id)
      const customers = await customerModule.listCustomers(
        { id: ids },
        { select: ["id", "email", "first_name", "last_name"], take: ids.length }
      )
      await writeChunk(res, memberCsvRows(page, customers))
      if (page.members.length < MEMBERS_CSV_PAGE) {
        break
      }
      page = await service.listMembersWithFacts(segment.id, {
        after: ids[ids.length - 1],
        limit: MEMBERS_CSV_PAGE,
        now,
      })
    }
    res.end()
  } catch (e) {
    // headers are sent: cut the response so the download fails instead of looking complete
    req.scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`segment ${segment.id} members export failed: ${(e as Error).message}`)
    res.destroy(e as Error)
  }
}
