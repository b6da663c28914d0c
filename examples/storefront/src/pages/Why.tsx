import { useEffect, useState } from "react"
import { anonymousId, CustomerSegmentsResponse, ObjectiveGroupsResponse } from "../lib/recommendations"
import { sdk } from "../lib/sdk"
import { useStore } from "../lib/store"

/**
 * "Why you see this": the customer's segments (GET /store/customers/me/segments), their group in
 * every active objective (GET /store/objectives/groups), and the experiment and traces of the last
 * list shown.
 */
export function Why() {
  const { ready, customer, lastSeen } = useStore()
  const [segments, setSegments] = useState<CustomerSegmentsResponse["segments"] | null>(null)
  const [groups, setGroups] = useState<ObjectiveGroupsResponse | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!ready) return
    setSegments(null)
    if (customer) {
      sdk.client
        .fetch<CustomerSegmentsResponse>("/store/customers/me/segments")
        .then((r) => setSegments(r.segments))
        .catch((e) => setError(e.message))
    }
    sdk.client
      .fetch<ObjectiveGroupsResponse>("/store/objectives/groups", {
        query: customer ? {} : { anonymous_id: anonymousId() },
      })
      .then(setGroups)
      .catch((e) => setError(e.message))
  }, [ready, customer])

  const traceSegments = [...new Set((lastSeen?.traces ?? []).flatMap((t) => t.segment_ids))]
  const sources = [...new Set((lastSeen?.traces ?? []).map((t) => t.source))]
  return (
    <>
      <h1>Why you see this</h1>
      {error && <p className="error">{error}</p>}
      <section data-testid="why-segments">
        <h2>Your segments</h2>
        {!customer && <p className="muted">Anonymous visitors are in no segment: sign in to see yours.</p>}
        {customer && segments && !segments.length && <p>You are in no segment yet.</p>}
        <ul>
          {(segments ?? []).map((s) => (
            <li key={s.id} data-segment-id={s.id}>
              {s.name} <small className="muted">since {new Date(s.entered_at).toLocaleDateString()}</small>
            </li>
          ))}
        </ul>
        {traceSegments.length > 0 && (
          <p className="muted">Segments used for the last list: {traceSegments.join(", ")}</p>
        )}
      </section>
      <section data-testid="why-groups">
        <h2>Experiments</h2>
        {groups && !groups.groups.length && <p>No objective is running an experiment.</p>}
        <ul>
          {(groups?.groups ?? []).map((g) => (
            <li key={g.objective_id} data-objective-id={g.objective_id} data-group={g.group}>
              Objective {g.objective_id}: <strong>{g.group}</strong>
              {g.governs_recommendations && " (decides whether recommendations are personalized)"}
              <small className="muted"> holdout {Math.round(g.holdout_share * 100)}%</small>
            </li>
          ))}
        </ul>
      </section>
      <section data-testid="why-last-list">
        <h2>The last list you saw</h2>
        {!lastSeen ? (
          <p className="muted">None yet: open the home page, a product or the cart.</p>
        ) : (
          <p>
            {lastSeen.placement} list, {lastSeen.experiment.personalized ? "personalized" : "not personalized"}
            {lastSeen.experiment.group && `, ${lastSeen.experiment.group} group`}
            {lastSeen.experiment.objective_id && ` of objective ${lastSeen.experiment.objective_id}`}; sources:{" "}
            {sources.join(", ") || "none"}.
          </p>
        )}
      </section>
    </>
  )
}
