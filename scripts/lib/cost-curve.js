// Cost curves for the benchmarks: each figure measured at several data sizes, the exponent k of
// cost ~ size^k fitted by least squares of log(cost) on log(size), and a markdown table with one row
// per figure and one column per size. Pure (no I/O), CommonJS so that both the .js benches (plain node)
// and the .ts benches (ts-node) load it; the types are in cost-curve.d.ts.

/**
 * Fits cost = a * size^k by least squares on (log size, log cost). Uses the points whose size and cost
 * are finite and positive (a zero cost has no logarithm); null when fewer than two remain or all sizes
 * are equal. r2 is the coefficient of determination in log space (1 = an exact power law).
 */
function fitPowerLaw(points) {
  const usable = points.filter((p) => isPositive(p.size) && isPositive(p.cost))
  const xs = usable.map((p) => Math.log(p.size))
  const ys = usable.map((p) => Math.log(p.cost))
  const mx = mean(xs)
  const my = mean(ys)
  let sxy = 0
  let sxx = 0
  let syy = 0
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my)
    sxx += (x - mx) ** 2
    syy += (ys[i] - my) ** 2
  })
  // fewer than two usable points, or a single size: no slope
  if (sxx === 0) {
    return null
  }
  const k = sxy / sxx
  // all costs equal: a flat line fits exactly
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy)
  return { k, a: Math.exp(my - k * mx), r2, n: usable.length }
}

/** The fitted cost at `size` (a * size^k); null without a fit. */
function project(fit, size) {
  return fit ? fit.a * Math.pow(size, fit.k) : null
}

function isPositive(v) {
  return typeof v === "number" && Number.isFinite(v) && v > 0
}

function mean(xs) {
  return xs.reduce((s, x) => s + x, 0) / xs.length
}

const grouped = (v, digits) =>
  v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

/**
 * One value with its unit: "ms" (no decimals from 10 ms, one below), "s", "x" (a ratio, two decimals),
 * "MB", or "" (a count, thousands grouped). `digits` overrides the decimals. null/undefined: "-".
 */
function formatValue(v, unit = "", digits) {
  if (v === null || v === undefined || !Number.isFinite(v)) {
    return "-"
  }
  switch (unit) {
    case "ms":
      return `${grouped(v, digits ?? (Math.abs(v) < 10 ? 1 : 0))} ms`
    case "s":
      return `${grouped(v, digits ?? 1)} s`
    case "x":
      return `${v.toFixed(digits ?? 2)}x`
    case "MB":
      return `${grouped(v, digits ?? 0)} MB`
    default:
      return grouped(v, digits ?? 0)
  }
}

/**
 * A markdown table: one row per figure, one column per size, then k and r2 of its fit and, with
 * `projectTo`, the fitted value at that size. A row with `fit: false` (a count that is data, not
 * cost, or a figure whose fit means nothing) shows its values only.
 *   sizes: number[]  (the size of each column, e.g. order lines)
 *   rows: { name, values: (number|null)[], unit?, digits?, fit? }[]
 *   sizeUnit: the columns' unit ("lines"); projectTo: { size, label? }
 */
function costCurveTable({ sizes, rows, sizeUnit = "lines", projectTo }) {
  const head = [
    "figure",
    ...sizes.map((s) => `${formatValue(s)} ${sizeUnit}`),
    "k",
    "r²",
    ...(projectTo ? [projectTo.label ?? `at ${formatValue(projectTo.size)} ${sizeUnit} (fitted)`] : []),
  ]
  const body = rows.map((row) => {
    const fit = row.fit === false ? null : fitPowerLaw(sizes.map((size, i) => ({ size, cost: row.values[i] ?? NaN })))
    return [
      row.name,
      ...sizes.map((_, i) => formatValue(row.values[i], row.unit, row.digits)),
      fit ? fit.k.toFixed(2) : "-",
      fit ? fit.r2.toFixed(2) : "-",
      ...(projectTo ? [fit ? formatValue(project(fit, projectTo.size), row.unit, row.digits) : "-"] : []),
    ]
  })
  const line = (cells) => `| ${cells.join(" | ")} |`
  return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n")
}

/** The k of time ~ size^k over points `{ size, ms }` (the fit above); NaN under two distinct sizes. */
function fitExponent(points) {
  const fit = fitPowerLaw(points.map((p) => ({ size: p.size, cost: p.ms })))
  return fit ? fit.k : NaN
}

/** The time the curve through the largest point predicts at `size`: ms_largest x (size / size_largest)^k. */
function extrapolate(points, size, k = fitExponent(points)) {
  const largest = points.reduce((a, b) => (b.size > a.size ? b : a))
  return largest.ms * Math.pow(size / largest.size, k)
}

module.exports = { fitPowerLaw, project, formatValue, costCurveTable, fitExponent, extrapolate }
