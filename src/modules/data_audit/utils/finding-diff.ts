/** A finding as compared: what the runner produces, whatever its time. */
export type ComparedFinding = {
  check_id: string
  subject_id: string | null
  affected: number
  sample_ids: string[]
  details: Record<string, unknown> | null
}

/**
 * Checks whose samples are the orders of the first affected lines a scan meets, in no set order
 * (`distinctSampleIds`): compared as sets when every affected record fits in the samples, else by
 * how many there are.
 */
export const FIRST_FOUND_SAMPLES: ReadonlySet<string> = new Set([
  "orders.non_positive_price_lines",
  "orders.missing_product_lines",
  "orders.non_product_lines",
  "orders.lines_without_description",
])

const key = (f: ComparedFinding) => `${f.check_id}${f.subject_id ? `/${f.subject_id}` : ""}`

function canonical(f: ComparedFinding): string {
  const { duration_ms: _d, ...details } = f.details ?? {}
  let samples: unknown = f.sample_ids
  if (FIRST_FOUND_SAMPLES.has(f.check_id)) {
    samples = f.affected <= f.sample_ids.length ? [...f.sample_ids].sort() : f.sample_ids.length
  }
  return JSON.stringify({ ...f, sample_ids: samples, details })
}

/**
 * The differences between two runs' findings, one line each: everything is compared (counts,
 * totals, shares, details, samples) but the time each check took.
 */
export function findingDifferences(a: ComparedFinding[], b: ComparedFinding[]): string[] {
  const rest = new Map(b.map((f) => [key(f), f]))
  const diffs: string[] = []
  for (const f of a) {
    const g = rest.get(key(f))
    if (!g) {
      diffs.push(`${key(f)}: only in the first`)
    } else if (canonical(f) !== canonical(g)) {
      diffs.push(`${key(f)}: ${canonical(f)} <> ${canonical(g)}`)
    }
    rest.delete(key(f))
  }
  rest.forEach((_f, k) => diffs.push(`${k}: only in the second`))
  return diffs
}
