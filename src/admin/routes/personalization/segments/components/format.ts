import { Segment } from "../../../../hooks/segments"

/** How long ago a segment was last evaluated. */
export const freshness = (s: Pick<Segment, "last_evaluated_at">) => {
  if (!s.last_evaluated_at) {
    return "never evaluated"
  }
  const minutes = Math.round((Date.now() - new Date(s.last_evaluated_at).getTime()) / 60000)
  if (minutes < 1) return "just now"
  if (minutes < 60) return `${minutes} min ago`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`
  return `${Math.round(minutes / 1440)} days ago`
}
