import type { CustomerDTO } from "@medusajs/framework/types"
import { csvRow } from "../../../../../utils/csv"
import type { MembersWithFacts } from "../../../../../modules/segment/types"

/** Members read per page: each page is one keyset query, one facts query and one customer lookup. */
export const MEMBERS_CSV_PAGE = 5000

export const MEMBERS_CSV_COLUMNS = ["Customer ID", "Email", "First name", "Last name", "Entered at"]

export type CsvCustomer = Pick<CustomerDTO, "id" | "email" | "first_name" | "last_name">

/** The CSV records of one page of members, their names and emails from the customer module. */
export function memberCsvRows(page: MembersWithFacts, customers: CsvCustomer[]): string {
  const byId = new Map(customers.map((c) => [c.id, c]))
  let out = ""
  for (const m of page.members) {
    const c = byId.get(m.customer_id)
    out += csvRow([m.customer_id, c?.email, c?.first_name, c?.last_name, new Date(m.entered_at), ...m.facts])
  }
  return out
}

/** `attachment` file name: the segment's handle (URL-safe by validation) and the day. */
export function membersCsvFilename(handle: string, now: Date): string {
  return `segment-${handle.replace(/[^a-z0-9-_]/gi, "-")}-members-${now.toISOString().slice(0, 10)}.csv`
}

type Writable = {
  write: (chunk: string) => boolean
  once: (event: "drain" | "close", cb: () => void) => unknown
  removeListener: (event: "drain" | "close", cb: () => void) => unknown
  destroyed: boolean
}

/**
 * Writes a chunk and, when the socket's buffer is full, waits until it drains (or the client is
 * gone), so a slow client never makes the export hold more than a page in memory.
 */
export function writeChunk(res: Writable, chunk: string): Promise<void> {
  if (res.destroyed || res.write(chunk)) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const done = () => {
      res.removeListener("drain", done)
      res.removeListener("close", done)
      resolve()
    }
    res.once("drain", done)
    res.once("close", done)
  })
}
