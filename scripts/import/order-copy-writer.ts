import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ClientBase } from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { Readable } from "stream"
import { pipeline } from "stream/promises"
import { createEntityIdGenerator } from "./entity-id"
import { ORDER_TABLES, OrderRowsInput, buildOrderTableRows } from "./order-writer"

/** Rows per string handed to the COPY stream (keeps the text buffered at any time small). */
const ROWS_PER_WRITE = 500

const newId = createEntityIdGenerator()

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
  if (typeof value === "number") {
    return String(value)
  }
  if (typeof value === "boolean") {
    return value ? "t" : "f"
  }
  if (typeof value === "object") {
    // Rows share objects (one `raw` zero eight times per order item, one metadata per line for
    // its two rows, one date per order for all its rows): each is converted once.
    const cached = objectText.get(value)
    if (cached !== undefined) {
      return cached
    }
    const text = value instanceof Date ? value.toISOString() : escapeCopyText(JSON.stringify(value))
    objectText.set(value, text)
    return text
  }
  return escapeCopyText(String(value))
}

/** Callers must not change an object after it was converted (the rows are built, then copied). */
const objectText = new WeakMap<object, string>()

const escapeCopyText = (text: string) =>
  /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : text

/** Rows as COPY text lines, `ROWS_PER_WRITE` rows per string, columns in `columns` order. */
export function* copyTextChunks(rows: Record<string, unknown>[], columns: string[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
    let out = ""
    for (const row of rows.slice(i, i + ROWS_PER_WRITE)) {
      for (let c = 0; c < columns.length; c++) {
        out += (c ? "\t" : "") + copyTextValue(row[columns[c]])
      }
      out += "\n"
    }
    yield out
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Writes historical orders with PostgreSQL `COPY ... FROM STDIN` (pg-copy-streams), one
 * transaction per call: the same rows as `insertOrders` (buildOrderTableRows), with ids from a
 * pooled random buffer (entity-id.ts) and without the per-statement parameter overhead of INSERTs.
 * docs/performance.md has the measurements.
 */
export async function copyOrders(container: MedusaContainer, orders: OrderRowsInput[]): Promise<string[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = buildOrderTableRows(orders, newId)
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
