/**
 * Cost curves of the benches: the exponent k of time ~ size^k, fitted by least squares of
 * log(time) on log(size), and the time it predicts at another size.
 */

/** Least-squares slope of log(ms) on log(size) over points `{ size, ms }`: the k of time ~ size^k (NaN under two sizes). */
function fitExponent(points) {
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

/** The time the curve through the largest point predicts at `size`: ms_largest x (size / size_largest)^k. */
function extrapolate(points, size, k = fitExponent(points)) {
  const largest = points.reduce((a, b) => (b.size > a.size ? b : a))
  return largest.ms * Math.pow(size / largest.size, k)
}

module.exports = { fitExponent, extrapolate }
