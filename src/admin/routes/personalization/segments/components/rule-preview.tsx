import { Text } from "@medusajs/ui"
import type { Attribute, Preview } from "../../../../hooks/segments"

const formatFact = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "number" ? String(Math.round(v * 100) / 100) : String(v)

export const PreviewPanel = ({
  preview,
  error,
  loading,
  pending,
  attributes = [],
}: {
  preview?: Preview
  /** To head each fact column with the attribute's label. */
  attributes?: Attribute[]
  error?: string | null
  loading: boolean
  /** Some condition is not filled in yet: nothing to count. */
  pending?: boolean
}) => (
  <div className="flex flex-col gap-2 rounded-lg border p-4" aria-label="Live preview">
    <Text weight="plus">Live preview</Text>
    {error ? (
      <Text size="small" className="text-ui-fg-error" role="alert">
        {error}
      </Text>
    ) : preview ? (
      <>
        <Text size="large" weight="plus" aria-live="polite" data-testid="preview-count">
          {preview.count} customers match
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          of {preview.total_customers} customers · {preview.took_ms} ms{loading ? " · updating…" : ""}
        </Text>
        {preview.excluded_by.length > 0 && (
          <ul className="txt-compact-small">
            {preview.excluded_by.map((x, i) => (
              <li key={x.path}>
                Condition {i + 1} alone excludes {x.excludes}
              </li>
            ))}
          </ul>
        )}
        {preview.samples.length > 0 && (
          <table className="txt-compact-small w-full text-left">
            <thead>
              <tr>
                <th>Customer</th>
                {preview.samples[0].facts.map((f, i) => (
                  <th key={f.path}>
                    {i + 1}. {attributes.find((a) => a.name === f.attribute)?.label ?? f.attribute}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.samples.map((s) => (
                <tr key={s.customer_id}>
                  <td>{s.email ?? s.customer_id}</td>
                  {s.facts.map((f) => (
                    <td key={f.path}>{formatFact(f.value)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ) : (
      <Text size="small" className="text-ui-fg-subtle">
        {pending
          ? "Fill in every condition to see who matches."
          : loading
            ? "Counting…"
            : "Add a condition to see who matches."}
      </Text>
    )}
  </div>
)
