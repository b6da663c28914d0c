/**
 * Least-squares slope of log(time) on log(size): the k of time ~ size^k (NaN with fewer than two
 * distinct sizes).
 */
export function fitExponent(points: { size: number; ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.size))
  const ys = points.map((p) => Math.log(p.ms))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let num = 0
  let den = 0
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my)
    den += (x - mx) ** 2
  })
  return den ? num / den : NaN
}
