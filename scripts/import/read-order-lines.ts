import { createReadStream, existsSync, statSync } from "fs"
import { createInterface } from "readline"
import { createGunzip } from "zlib"
import { ImportFileError, OrderLineRow, parseCsvRecord, parseOrderLine, validateHeader } from "./csv"

/**
 * Streams a `.csv` or `.csv.gz` file of order lines and yields validated rows one by one.
 * `onBytes` hears how much of the (possibly compressed) file has been read, for a progress bar.
 * Throws ImportFileError (line + field) on the first malformed record.
 */
export async function* readOrderLines(
  file: string,
  onBytes?: (bytesRead: number, totalBytes: number) => void
): AsyncGenerator<OrderLineRow> {
  if (!existsSync(file)) {
    throw new ImportFileError(0, null, `file not found: ${file}`)
  }
  const raw = createReadStream(file)
  if (onBytes) {
    const total = statSync(file).size
    raw.on("data", () => onBytes(raw.bytesRead, total))
  }
  const input = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw
  const lines = createInterface({ input, crlfDelay: Infinity })
  let lineNo = 0
  let pending = ""
  let pendingStart = 0
  let headerSeen = false
  try {
    for await (const physical of lines) {
      lineNo++
      const text = pending ? `${pending}\n${physical}` : physical
      const start = pending ? pendingStart : lineNo
      const fields = parseCsvRecord(text)
      if (!fields) {
        pending = text
        pendingStart = start
        continue
      }
      pending = ""
      if (!headerSeen) {
        validateHeader(fields)
        headerSeen = true
        continue
      }
      if (fields.length === 1 && fields[0].trim() === "") {
        continue
      }
      yield parseOrderLine(fields, start)
    }
  } finally {
    lines.close()
    raw.destroy()
  }
  if (pending) {
    throw new ImportFileError(pendingStart, null, "unterminated quoted field")
  }
  if (!headerSeen) {
    throw new ImportFileError(1, "header", "the file is empty")
  }
}
