import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ClientBase } from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { Readable } from "stream"
import { pipeline } from "stream/promises"
import { ORDER_TABLES, OrderRowsInput, buildOrderTableRows } from "./order-writer"

/** Rows per string handed to the COPY stream (keeps the text buffered at any time small). */
const ROWS_PER_WRITE = 500

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" }

/**
 * One value in PostgreSQL's COPY text format, converted as node-postgres converts a bound
 * parameter (so COPY stores what the INSERT writer stores): null -> \N, Date -> ISO instant,
 * objects -> JSON, booleans -> t/f; then backslash, newline, carriage return and tab escaped.
 */
export function copyTextValue(value: unknown): string {
  if (value === null || value === undefined) {
    return "\\N"
  }
  let text: string
  if (value instanceof Date) {
    text = value.toISOString()
  } else if (typeof value === "boolean") {
    text = value ? "t" : "f"
  } else if (typeof value === "object") {
    text = JSON.stringify(value)
  } else {
    text = String(value)
  }
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : text
}

/** Rows as COPY text lines, `ROWS_PER_WRITE` rows per string, columns in `columns` order. */
export function* copyTextChunks(rows: Record<string, unknown>[], columns: string[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
    let out = ""
    for (const row of rows.slice(i, i + ROWS_PER_WRITE)) {
      out += columns.map((c) => copyTextValue(row[c])).join("\t") + "\n"
    }
    yield out
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Writes historical orders with PostgreSQL `COPY ... FROM STDIN` (pg-copy-streams), one
 * transaction per call: the same rows as `insertOrders` (buildOrderTableRows), without the
 * per-statement parse/plan and parameter overhead of multi-row INSERTs.
 */
export async function copyOrders(container: MedusaContainer, orders: OrderRowsInput[]): Promise<string[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = buildOrderTableRows(orders)
  const client = (await knex.client.acquireConnection()) as ClientBase
  try {
    await client.query("BEGIN")
    try {
      for (const table of ORDER_TABLES) {
        const tableRows = rows[table]
        if (!tableRows.length) {
          continue
        }
        const columns = Object.keys(tableRows[0])
        const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM STDIN`
        await pipeline(Readable.from(copyTextChunks(tableRows, columns)), client.query(copyFrom(sql)))
      }
      await client.query("COMMIT")
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined)
      throw e
    }
  } finally {
    await knex.client.releaseConnection(client)
  }
  return rows.order.map((o) => o.id as string)
}
