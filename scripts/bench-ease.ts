/**
 * What EASE (Steck 2019: B = I - P diag(1/diag(P)), P = (X'X + λI)^-1) would cost this plugin in
 * Node: the dense n x n inversion, timed at catalog sizes n, with the process's resident memory.
 *
 *   npx ts-node --transpile-only scripts/bench-ease.ts [2000 4000 ...] [--lines online_retail.csv.gz]
 *
 * The Gram matrix X'X is built from customers' products: with `--lines`, the n best-selling products
 * of an order-lines CSV (UCI shape); otherwise synthetic customers (8 products each, Zipf-like).
 * Prints seconds and MB per n and the n^3 extrapolation to 10,000 products. See
 * docs/recommendations.md ("EASE").
 */
import { readLines } from "./eval-recommendations"

/** In-place inverse of a symmetric positive definite matrix (row-major, n x n), Gauss-Jordan without pivoting. */
export function invertSpd(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const rk = k * n
    const p = 1 / a[rk + k]
    a[rk + k] = 1
    for (let j = 0; j < n; j++) {
      a[rk + j] *= p
    }
    for (let i = 0; i < n; i++) {
      if (i === k) {
        continue
      }
      const ri = i * n
      const f = a[ri + k]
      if (f === 0) {
        continue
      }
      a[ri + k] = 0
      for (let j = 0; j < n; j++) {
        a[ri + j] -= f * a[rk + j]
      }
    }
  }
}

function gram(baskets: number[][], n: number, lambda: number): Float64Array {
  const g = new Float64Array(n * n)
  for (const b of baskets) {
    for (const i of b) {
      for (const j of b) {
        g[i * n + j] += 1
      }
    }
  }
  for (let i = 0; i < n; i++) {
    g[i * n + i] += lambda
  }
  return g
}

async function basketsFor(n: number, file: string | null): Promise<number[][]> {
  if (file) {
    const { lines } = await readLines(file)
    const buyers = new Map<string, Set<string>>()
    for (const l of lines) {
      let s = buyers.get(l.code)
      if (!s) buyers.set(l.code, (s = new Set()))
      s.add(l.customer)
    }
    const top = [...buyers].sort((x, y) => y[1].size - x[1].size).slice(0, n)
    const index = new Map(top.map(([code], i) => [code, i]))
    const byCustomer = new Map<string, Set<number>>()
    for (const l of lines) {
      const i = index.get(l.code)
      if (i === undefined) continue
      let s = byCustomer.get(l.customer)
      if (!s) byCustomer.set(l.customer, (s = new Set()))
      s.add(i)
    }
    return [...byCustomer.values()].map((s) => [...s])
  }
  let seed = 42
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296
  return Array.from({ length: 20 * n }, () => [
    ...new Set(Array.from({ length: 8 }, () => Math.floor(n * Math.pow(rnd(), 2)))),
  ])
}

async function main() {
  const argv = process.argv.slice(2)
  const at = argv.indexOf("--lines")
  const file = at >= 0 ? argv[at + 1] : null
  const sizes = argv.filter((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1)).map(Number)
  const rows: { n: number; seconds: number; mb: number }[] = []
  for (const n of sizes.length ? sizes : [2000, 4000]) {
    const baskets = await basketsFor(n, file)
    const g = gram(baskets, n, 200)
    const started = process.hrtime.bigint()
    invertSpd(g, n)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const mb = process.memoryUsage().rss / 1e6
    rows.push({ n, seconds, mb })
    process.stdout.write(
      `n ${n}: inversion ${seconds.toFixed(1)} s, matrix ${((n * n * 8) / 1e6).toFixed(0)} MB, resident ${mb.toFixed(0)} MB\n`
    )
  }
  const last = rows[rows.length - 1]
  const at10k = last.seconds * Math.pow(10000 / last.n, 3)
  process.stdout.write(
    `extrapolated (n^3 from n ${last.n}) to 10,000 products: ${at10k.toFixed(0)} s; matrix ${((1e8 * 8) / 1e6).toFixed(0)} MB\n`
  )
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.message ?? e}\n`)
    process.exit(1)
  })
}
