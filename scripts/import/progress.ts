/** Progress of one import phase: `done` of `total` units (rows, bytes, products, orders...). */
export type Progress = { phase: string; done: number; total: number; unit?: string }

const int = (n: number) => Math.round(n).toLocaleString("en-US")

/** `m:ss` (or `h:mm:ss`) for a number of seconds; `?` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return "?"
  }
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, "0")
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`
}

/**
 * One progress line: bar (when `width` > 0), percent, counts, rate per second since the phase
 * started and the ETA at that rate. Pure, so it is table-tested.
 */
export function formatProgress(p: Progress, elapsedMs: number, width = 24): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0
  const rate = elapsedMs > 0 ? (p.done * 1000) / elapsedMs : 0
  const eta = rate > 0 ? (p.total - p.done) / rate : NaN
  const unit = p.unit ? ` ${p.unit}` : ""
  const filled = Math.round(fraction * width)
  const bar = width > 0 ? `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ` : ""
  return (
    `${p.phase.padEnd(9)} ${bar}${(fraction * 100).toFixed(1).padStart(5)}%  ` +
    `${int(p.done)}/${int(p.total)}${unit}  ${int(rate)}${unit}/s  ETA ${formatDuration(eta)}`
  )
}

type Sink = { isTTY?: boolean; columns?: number; write(s: string): unknown }

/**
 * A progress reporter: on a TTY one line redrawn in place (at most 10 times a second) with bar,
 * rate and ETA; otherwise a plain line through `log` every `plainEveryMs` and when a phase ends.
 */
export function createProgressReporter(
  sink: Sink,
  log: (line: string) => void,
  { plainEveryMs = 10000, now = () => Date.now() } = {}
) {
  let phase: string | null = null
  let phaseStart = 0
  let lastDraw = -Infinity
  let drawn = false
  const finishLine = () => {
    if (drawn && sink.isTTY) {
      sink.write("\n")
    }
    drawn = false
  }
  return {
    update(p: Progress) {
      const t = now()
      if (p.phase !== phase) {
        finishLine()
        phase = p.phase
        phaseStart = t
        lastDraw = -Infinity
      }
      const complete = p.done >= p.total
      if (sink.isTTY) {
        if (!complete && t - lastDraw < 100) {
          return
        }
        const width = Math.max(0, Math.min(24, (sink.columns ?? 80) - 70))
        sink.write(`\r${formatProgress(p, t - phaseStart, width)}\x1b[K`)
        drawn = true
        lastDraw = t
        if (complete) {
          finishLine()
        }
      } else if (complete || t - lastDraw >= plainEveryMs) {
        log(formatProgress(p, t - phaseStart, 0))
        lastDraw = t
      }
    },
    done: finishLine,
  }
}
