/** Types of cost-curve.js (CommonJS, loaded by the .js and .ts benches alike). */

export type CostPoint = { size: number; cost: number }

/** cost = a * size^k, fitted in log space over n points; r2 in log space. */
export type PowerLawFit = { k: number; a: number; r2: number; n: number }

export type CostCurveRow = {
  name: string
  values: (number | null | undefined)[]
  unit?: "ms" | "s" | "x" | "MB" | ""
  digits?: number
  /** false: show the values only (no k, no projection) */
  fit?: boolean
}

export function fitPowerLaw(points: CostPoint[]): PowerLawFit | null

export function project(fit: PowerLawFit | null, size: number): number | null

export function formatValue(v: number | null | undefined, unit?: CostCurveRow["unit"], digits?: number): string

export function costCurveTable(opts: {
  sizes: number[]
  rows: CostCurveRow[]
  sizeUnit?: string
  projectTo?: { size: number; label?: string }
}): string

/** The k of time ~ size^k over `{ size, ms }` points (fitPowerLaw); NaN under two distinct sizes. */
export function fitExponent(points: { size: number; ms: number }[]): number

/** The time the curve through the largest point predicts at `size`. */
export function extrapolate(points: { size: number; ms: number }[], size: number, k?: number): number
