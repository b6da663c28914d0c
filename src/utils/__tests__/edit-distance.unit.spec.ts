import fc from "fast-check"
// jest's own dependency (jest-validate uses it for "did you mean"): an independent implementation to compare with.
import leven from "leven"
import { closestName, editDistance, editsAllowed } from "../edit-distance"

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["abc", "abc", 0],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["min_suport", "min_support", 1],
    ["min_supprot", "min_support", 2],
    ["minsupport", "min_support", 1],
    ["minSupport", "min_support", 2],
    ["history_cap", "history_caps", 1],
    ["database", "databse", 1],
    ["a", "b", 1],
    ["ab", "ba", 2],
  ])("%j -> %j: %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected)
    expect(editDistance(b, a)).toBe(expected)
  })

  it("agrees with leven on generated strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        expect(editDistance(a, b)).toBe(leven(a, b))
      }),
      { numRuns: 2000 }
    )
  })

  it("is a distance: zero only for equal strings, symmetric, and obeys the triangle inequality", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b, c) => {
          expect(editDistance(a, b) === 0).toBe(a === b)
          expect(editDistance(a, b)).toBe(editDistance(b, a))
          expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c))
        }
      ),
      { numRuns: 1000 }
    )
  })
})

describe("closestName", () => {
  const names = ["history_cap", "min_support", "max_seeds", "max_candidates", "database"]

  it.each([
    [1, "a", 1],
    [4, "abcd", 1],
    [8, "database", 2],
    [11, "min_support", 2],
    [26, "affinity_full_rebuild_days", 3],
  ])("a name of %i characters (%s) allows %i edits", (_, name, edits) => {
    expect(editsAllowed(name)).toBe(edits)
  })

  it.each([
    ["min_suport", "min_support"],
    ["min_supprot", "min_support"],
    ["minSupport", "min_support"],
    ["MIN-SUPPORT", "min_support"],
    ["min support", "min_support"],
    ["history_caps", "history_cap"],
    ["historycap", "history_cap"],
    ["max_seed", "max_seeds"],
    ["max_candidate", "max_candidates"],
    ["databse", "database"],
    // nearer wins: one edit from max_seeds, more from everything else
    ["max_seedz", "max_seeds"],
    ["foo", undefined],
    ["support", undefined],
    ["min", undefined],
    ["", undefined],
    ["max", undefined],
    ["store_name", undefined],
  ])("%j -> %j", (word, expected) => {
    expect(closestName(word, names)).toBe(expected)
  })

  it("never suggests a name further than it allows, and suggests a name one edit from its word", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (word) => {
        const found = closestName(word, names)
        if (
          found !== undefined &&
          found.toLowerCase().replace(/[\s_-]/g, "") !== word.toLowerCase().replace(/[\s_-]/g, "")
        ) {
          expect(editDistance(word, found)).toBeLessThanOrEqual(editsAllowed(found))
          for (const other of names) {
            expect(editDistance(word, other)).toBeGreaterThanOrEqual(editDistance(word, found))
          }
        }
      }),
      { numRuns: 2000 }
    )
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (name, at, ch) => {
        const i = at % name.length
        const misspelt = name.slice(0, i) + ch + name.slice(i + 1)
        // every name here is more than one edit from every other, so the misspelt one is found
        expect(closestName(misspelt, names)).toBe(name)
      }),
      { numRuns: 1000 }
    )
  })
})
