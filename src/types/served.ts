/**
 * What a route may hand to `res.json` for an admin response type `R`: `R` with a `Date` allowed
 * wherever a string is, because JSON sends a date as its ISO string. Routes write
 * `res.json({ ... } satisfies Served<AdminXResponse>)`, so a payload that drifts from what the
 * admin reads fails typecheck.
 */
export type Served<R> = R extends string
  ? R | Date
  : R extends readonly (infer U)[]
    ? readonly Served<U>[]
    : R extends object
      ? { [K in keyof R]: Served<R[K]> }
      : R
