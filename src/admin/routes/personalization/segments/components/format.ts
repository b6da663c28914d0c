import { Segment } from "../../../../hooks/segments"

/** How long ago a segment was last evaluated. */
export const freshness = (s: Pick<Segment, "last_evaluated_at">) =>
  s.last_evaluated_at ? ago(s.last_evaluated_at) : "never evaluated"

/** How long ago an instant was, in words ("just now", "5 min ago", "3 h ago", "2 days ago"). */
export const ago = (at: string) => {
  const minutes = Math.round((Date.now() - new Date(at).getTime()) / 60000)
  if (minutes < 1) return "just now"
  if (minutes < 60) return `${minutes} min ago`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`
  return `${Math.round(minutes / 1440)} days ago`
}
