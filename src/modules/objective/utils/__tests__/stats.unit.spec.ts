import { chiSquare1UpperTail, normalCdf, normalQuantile } from "../normal"
import {
  compareMeans,
  compareProportions,
  daysToDetect,
  MIN_CUSTOMERS_PER_GROUP,
  minimumDetectableEffect,
  momentsFromSums,
  proportionEstimate,
  ratioEstimate,
  requiredSampleSize,
  sampleRatioMismatch,
  verdictFor,
} from "../stats"

describe("normal distribution", () => {
  // Reference values: R 4.x qnorm / pnorm / pchisq (same as any printed z-table to the digits shown).
  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [0.5, 0],
    [0.995, 2.5758293035489004],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])("normalQuantile(%p) = %p", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 10)
  })

  it.each([
    [1.959963984540054, 0.975],
    [0, 0.5],
    [-1, 0.15865525393145707],
    [3, 0.9986501019683699],
  ])("normalCdf(%p) = %p", (z, p) => {
    expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-7)
  })

  it.each([
    [3.841458820694124, 0.05],
    [10.827566170662733, 0.001],
    [1, 0.31731050786291415],
    [16, 6.334248366623996e-5],
  ])("P(chi2_1 > %p) = %p", (x, p) => {
    expect(Math.abs(chiSquare1UpperTail(x) - p) / p).toBeLessThan(1e-5)
  })
})

describe("difference of proportions", () => {
  // OpenIntro Statistics 4th ed., section 6.2 (CPR + blood thinner study): treatment 14/40
  // survived, control 11/50; point estimate 0.13, SE = 0.095, 90% CI about (-0.026, 0.286).
  it("reproduces the OpenIntro CPR example", () => {
    const c = compareProportions({ n: 40, successes: 14 }, { n: 50, successes: 11 }, 0.9)
    expect(c.difference).toBeCloseTo(0.13, 10)
    expect(c.std_error).toBeCloseTo(0.0955, 4)
    expect(c.ci_low).toBeCloseTo(-0.027, 2)
    expect(c.ci_high).toBeCloseTo(0.287, 2)
    const c95 = compareProportions({ n: 40, successes: 14 }, { n: 50, successes: 11 })
    // 0.13 +- 1.96 * 0.09550 by hand
    expect(c95.ci_low).toBeCloseTo(0.13 - 1.959964 * 0.0954961, 5)
    expect(c95.ci_high).toBeCloseTo(0.13 + 1.959964 * 0.0954961, 5)
    expect(c95.relative_lift).toBeCloseTo(0.13 / 0.22, 10)
  })

  it("an identical pair of groups has difference 0 and an interval around 0", () => {
    const c = compareProportions({ n: 1000, successes: 100 }, { n: 1000, successes: 100 })
    expect(c.difference).toBe(0)
    expect(c.ci_low).toBeLessThan(0)
    expect(c.ci_high).toBeGreaterThan(0)
    expect(c.p_value).toBeCloseTo(1, 6)
  })
})

describe("difference of means (Welch SE)", () => {
  // OpenIntro Statistics 4th ed., section 7.3 (ncbirths): nonsmokers n=100, mean 7.18, sd 1.60;
  // smokers n=50, mean 6.78, sd 1.43; point estimate 0.40, SE = 0.26.
  it("reproduces the OpenIntro birth-weight example", () => {
    const c = compareMeans({ n: 100, mean: 7.18, variance: 1.6 ** 2 }, { n: 50, mean: 6.78, variance: 1.43 ** 2 })
    expect(c.difference).toBeCloseTo(0.4, 10)
    expect(c.std_error).toBeCloseTo(0.2579, 4)
    expect(c.ci_low).toBeCloseTo(0.4 - 1.959964 * 0.257872, 4)
    expect(c.ci_high).toBeCloseTo(0.4 + 1.959964 * 0.257872, 4)
  })

  it.each([
    // values 1,2,3,4: mean 2.5, sample variance 5/3
    [{ n: 4, sum: 10, sum_sq: 30 }, 2.5, 5 / 3],
    [{ n: 1, sum: 7, sum_sq: 49 }, 7, 0],
    [{ n: 0, sum: 0, sum_sq: 0 }, 0, 0],
  ])("moments from sums %p", (sums, mean, variance) => {
    const m = momentsFromSums(sums)
    expect(m.mean).toBeCloseTo(mean, 12)
    expect(m.variance).toBeCloseTo(variance, 12)
  })
})

describe("ratio metric (delta method)", () => {
  it("with one order per customer equals the plain mean and its SE", () => {
    // y = 10, 20, 30, 40 with x = 1 each: mean 25, s^2 = 166.67, SE = sqrt(166.67/4) = 6.455
    const e = ratioEstimate({ n: 4, sum_x: 4, sum_y: 100, sum_xx: 4, sum_yy: 3000, sum_xy: 100 })
    expect(e.value).toBeCloseTo(25, 12)
    expect(e.std_error).toBeCloseTo(Math.sqrt(500 / 3 / 4), 10)
  })

  it("is exact (SE 0) when revenue is proportional to orders", () => {
    // customers with 1, 2, 3 orders of exactly 50 each
    const e = ratioEstimate({ n: 3, sum_x: 6, sum_y: 300, sum_xx: 14, sum_yy: 35000, sum_xy: 700 })
    expect(e.value).toBeCloseTo(50, 12)
    expect(e.std_error).toBeCloseTo(0, 6)
  })

  it("worked by hand: x=(1,2), y=(10,40)", () => {
    // xbar 1.5, ybar 25, r = 16.667; s_x^2 = 0.5, s_y^2 = 450, s_xy = 15
    // Var = (450 - 2*16.667*15 + 16.667^2*0.5) / (2 * 2.25) = (450 - 500 + 138.889)/4.5 = 19.753
    const e = ratioEstimate({ n: 2, sum_x: 3, sum_y: 50, sum_xx: 5, sum_yy: 1700, sum_xy: 90 })
    expect(e.value).toBeCloseTo(50 / 3, 10)
    expect(e.std_error).toBeCloseTo(Math.sqrt(88.8889 / 4.5), 3)
  })
})

describe("sample-ratio mismatch", () => {
  it.each([
    // 50/50 plan, 5050 vs 4950: chi2 = 2 * 50^2 / 5000 = 1.0, p = 0.3173
    [5050, 4950, 0.5, 1.0, 0.3173105, false],
    // 50/50 plan, 502,000 vs 498,000: chi2 = 2 * 2000^2 / 500,000 = 16, p = 6.33e-5 -> mismatch
    [502000, 498000, 0.5, 16, 6.334248e-5, true],
    // 95/5 plan, exact split
    [9500, 500, 0.05, 0, 1, false],
    // 95/5 plan, 9400 vs 600: chi2 = 100^2/9500 + 100^2/500 = 21.05, p = 4.5e-6
    [9400, 600, 0.05, 100 ** 2 / 9500 + 100 ** 2 / 500, 4.47e-6, true],
  ])("%p treatment / %p holdout with planned share %p", (t, h, share, chi, p, mismatch) => {
    const s = sampleRatioMismatch(t, h, share)
    expect(s.chi_square).toBeCloseTo(chi, 6)
    expect(Math.abs(s.p_value - p) / p).toBeLessThan(0.01)
    expect(s.mismatch).toBe(mismatch)
  })
})

describe("power: MDE, sample size and days to detect", () => {
  // Kohavi, Tang & Xu, "Trustworthy Online Controlled Experiments" (2020), ch. 17: with
  // alpha 0.05 and 80% power, n per variant ~ 16 sigma^2 / delta^2 (exactly 2 (1.96+0.84)^2 = 15.7).
  it("matches the 16 sigma^2 / delta^2 rule of thumb for a 50/50 split", () => {
    const r = requiredSampleSize({ sd: 1, effect: 0.1, holdout_share: 0.5 })!
    const exact = 2 * (1.959963984540054 + 0.8416212335729143) ** 2 * 100
    expect(r.holdout).toBe(Math.ceil(Math.ceil(2 * exact) / 2))
    expect(Math.abs(r.holdout - 1600) / 1600).toBeLessThan(0.02)
  })

  it("needs more customers with a 5% holdout: N = k^2 (1/h + 1/(1-h))", () => {
    const r = requiredSampleSize({ sd: 1, effect: 0.1, holdout_share: 0.05 })!
    const k2 = ((1.959963984540054 + 0.8416212335729143) * 10) ** 2
    expect(r.total).toBe(Math.ceil(k2 * (1 / 0.05 + 1 / 0.95)))
  })

  it("never asks for fewer than 150 customers in the smaller group", () => {
    const r = requiredSampleSize({ sd: 1, effect: 10, holdout_share: 0.05 })!
    expect(r.holdout).toBeGreaterThanOrEqual(MIN_CUSTOMERS_PER_GROUP)
    expect(r.total).toBe(3000)
  })

  it.each([
    [100, 32], // 3140 customers at 100 a day
    [3140, 1],
    [0, null],
  ])("days to detect with %p customers/day = %p", (perDay, days) => {
    const d = daysToDetect({ sd: 1, effect: 0.1, holdout_share: 0.5, customers_per_day: perDay })
    expect(d?.days ?? null).toBe(days)
  })

  it("MDE is (z_.975 + z_.8) times the SE of the difference", () => {
    const t = proportionEstimate(10000, 1000)
    const h = proportionEstimate(10000, 1000)
    const se = Math.sqrt((2 * (0.1 * 0.9)) / 10000)
    expect(minimumDetectableEffect(t, h)).toBeCloseTo(2.8015852181 * se, 8)
  })
})

describe("verdict", () => {
  const srmOk = sampleRatioMismatch(950, 50, 0.05)
  const win = compareProportions({ n: 2000, successes: 400 }, { n: 2000, successes: 300 })
  const none = compareProportions({ n: 2000, successes: 300 }, { n: 2000, successes: 305 })
  it.each([
    [149, 500, win, srmOk, "increase", "not_enough_data"],
    [500, 149, win, srmOk, "increase", "not_enough_data"],
    [2000, 2000, win, sampleRatioMismatch(2000, 2000, 0.05), "increase", "sample_ratio_mismatch"],
    [2000, 2000, win, srmOk, "increase", "treatment_wins"],
    [2000, 2000, win, srmOk, "decrease", "holdout_wins"],
    [2000, 2000, none, srmOk, "increase", "no_significant_difference"],
  ] as const)("t=%p h=%p -> %p", (tn, hn, comparison, srm, direction, verdict) => {
    const v = verdictFor({ treatment_n: tn, holdout_n: hn, comparison, srm, direction })
    expect(v.verdict).toBe(verdict)
    if (verdict === "not_enough_data") expect(v.message).toMatch(/Not enough data/)
  })
})
