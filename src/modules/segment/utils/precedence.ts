/** What precedence among exclusive segments reads of a segment. */
export type Ranked = { id: string; priority: number; created_at: Date | string }

/** Segment precedence among exclusive segments: priority desc, then oldest first, then id. */
export function byPrecedence(a: Ranked, b: Ranked): number {
  if (b.priority !== a.priority) {
    return b.priority - a.priority
  }
  const ta = new Date(a.created_at).getTime()
  const tb = new Date(b.created_at).getTime()
  return ta !== tb ? ta - tb : a.id < b.id ? -1 : 1
}

/**
 * The exclusive segments that take precedence over `segment` (their members cannot enter it), in
 * precedence order. `exclusive` is every active exclusive segment; `segment` may be absent from it
 * (a draft being evaluated), then it ranks where its priority and age put it.
 */
export function higherExclusive<T extends Ranked>(segment: Ranked, exclusive: T[]): T[] {
  const sorted = [...exclusive].sort(byPrecedence)
  const at = sorted.findIndex((s) => s.id === segment.id)
  return at === -1 ? sorted.filter((s) => byPrecedence(s, segment) < 0) : sorted.slice(0, at)
}

/**
 * The segments an evaluation of `segment` re-evaluates, in order: itself, and when it is an active
 * exclusive segment, the active exclusive segments below it (so the highest precedence wins).
 */
export function evaluationChain<T extends Ranked & { exclusive: boolean; status: string }>(
  segment: T,
  exclusive: T[]
): T[] {
  if (!segment.exclusive || segment.status !== "active") {
    return [segment]
  }
  const sorted = [...exclusive].sort(byPrecedence)
  const at = sorted.findIndex((s) => s.id === segment.id)
  return at === -1 ? [segment] : sorted.slice(at)
}
