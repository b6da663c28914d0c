/**
 * Levenshtein distance: the fewest single-character insertions, deletions and substitutions that
 * turn `a` into `b` (characters are UTF-16 code units). One row of the table at a time.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]
}

/** A name as someone might mistype its spelling style: case, `_`, `-` and spaces do not count. */
const styleless = (name: string) => name.toLowerCase().replace(/[\s_-]/g, "")

/**
 * The edits a misspelling of `name` may be away from it to be suggested: one per four characters,
 * at least 1 and at most 3 (a short name two edits away is another word, not a typo).
 */
export function editsAllowed(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 4)))
}

/**
 * The name of `names` that `word` most likely misspells, or undefined when none is close: one
 * written in another style (`minSupport`, `MIN-SUPPORT` for `min_support`), else the nearest by
 * edit distance within `editsAllowed` (ties: the first in `names`).
 */
export function closestName(word: string, names: readonly string[]): string | undefined {
  const restyled = names.find((name) => styleless(name) === styleless(word))
  if (restyled !== undefined) {
    return restyled
  }
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    const distance = editDistance(word, name)
    if (distance <= editsAllowed(name) && (best === undefined || distance < best.distance)) {
      best = { name, distance }
    }
  }
  return best?.name
}
