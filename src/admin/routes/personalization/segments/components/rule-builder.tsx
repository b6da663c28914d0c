import { Button, Input, Label, Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import {
  Attribute,
  Condition,
  Operator,
  Preview,
  RuleNode,
  useSegmentAttributes,
  useSegmentPreview,
} from "../../../../hooks/segments"

export type Row = {
  key: number
  attribute: string
  operator: string
  value: string
  value2: string
  window_days: string
  min_quantity: string
  meta_key: string
}
export type BuilderState = { match: "all" | "any"; rows: Row[] }

let nextKey = 1
export const emptyRow = (): Row => ({
  key: nextKey++,
  attribute: "order_count",
  operator: "gte",
  value: "",
  value2: "",
  window_days: "",
  min_quantity: "",
  meta_key: "",
})

export const selectClass =
  "h-8 w-full rounded-md border border-ui-border-base bg-ui-bg-field px-2 text-ui-fg-base txt-compact-small"

const toScalar = (type: Attribute["type"], raw: string): unknown => {
  const v = raw.trim()
  if (type === "number") {
    return v === "" ? undefined : Number(v)
  }
  if (type === "boolean") {
    return v === "" ? undefined : v === "true"
  }
  return v === "" ? undefined : v
}

/** Builder rows -> rule tree (the server validates it again and names bad paths). */
export function toRules(state: BuilderState, attributes: Attribute[], operators: Operator[]): RuleNode {
  const conditions = state.rows.map((r): Condition => {
    const attr = attributes.find((a) => a.name === r.attribute)
    const op = operators.find((o) => o.name === r.operator)
    const type = attr?.type ?? "string"
    const c: Condition = { type: "condition", attribute: r.attribute, operator: r.operator }
    if (op?.shape === "scalar") {
      c.value = toScalar(type === "string_set" || type === "purchase" ? "string" : type, r.value)
    } else if (op?.shape === "pair") {
      c.value = [toScalar(type, r.value), toScalar(type, r.value2)]
    } else if (op?.shape === "list") {
      c.value = r.value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (type === "number" ? Number(s) : s))
    }
    if (attr?.windowable && r.window_days.trim()) {
      c.window_days = Number(r.window_days)
    }
    if (type === "purchase" && r.min_quantity.trim()) {
      c.min_quantity = Number(r.min_quantity)
    }
    if (attr?.requiresKey) {
      c.key = r.meta_key.trim()
    }
    return c
  })
  return { type: state.match, conditions } as RuleNode
}

/** Rule tree -> builder rows, when the tree is a flat all/any of conditions (else null). */
export function fromRules(tree: RuleNode | null | undefined): BuilderState | null {
  if (!tree) {
    return { match: "all", rows: [] }
  }
  const flat =
    tree.type === "condition"
      ? { match: "all" as const, conditions: [tree] }
      : tree.type === "all" || tree.type === "any"
        ? { match: tree.type, conditions: tree.conditions }
        : null
  if (!flat || flat.conditions.some((c) => c.type !== "condition")) {
    return null
  }
  return {
    match: flat.match,
    rows: (flat.conditions as Condition[]).map((c) => {
      const v = c.value
      return {
        ...emptyRow(),
        attribute: c.attribute,
        operator: c.operator,
        value: Array.isArray(v)
          ? c.operator === "between"
            ? String(v[0] ?? "")
            : v.join(", ")
          : v === undefined
            ? ""
            : String(v),
        value2: Array.isArray(v) && c.operator === "between" ? String(v[1] ?? "") : "",
        window_days: c.window_days ? String(c.window_days) : "",
        min_quantity: c.min_quantity ? String(c.min_quantity) : "",
        meta_key: c.key ?? "",
      }
    }),
  }
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

const formatFact = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "number" ? String(Math.round(v * 100) / 100) : String(v)

export const PreviewPanel = ({
  preview,
  error,
  loading,
}: {
  preview?: Preview
  error?: string | null
  loading: boolean
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
                    {i + 1}. {f.attribute}
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
        {loading ? "Counting…" : "Add a condition to see who matches."}
      </Text>
    )}
  </div>
)

/** Rule builder: attribute, operator, value, window per condition, with a live preview count. */
export const RuleBuilder = ({
  state,
  onChange,
  currency,
  includeGuestOrders,
}: {
  state: BuilderState
  onChange: (s: BuilderState) => void
  currency: string
  includeGuestOrders: boolean
}) => {
  const { data: lang } = useSegmentAttributes()
  const attributes = lang?.attributes ?? []
  const operators = lang?.operators ?? []
  const rules = useMemo(() => (lang ? toRules(state, attributes, operators) : null), [state, lang])
  const body = useDebounced(
    rules && /^[a-zA-Z]{3}$/.test(currency)
      ? { rules, currency_code: currency, include_guest_orders: includeGuestOrders }
      : null,
    350
  )
  const preview = useSegmentPreview(body)

  const update = (key: number, patch: Partial<Row>) =>
    onChange({ ...state, rows: state.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) })

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <Label htmlFor="segment-match">Customers matching</Label>
          <select
            id="segment-match"
            aria-label="Match"
            className={selectClass + " w-auto"}
            value={state.match}
            onChange={(e) => onChange({ ...state, match: e.target.value as "all" | "any" })}
          >
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </select>
        </div>
        {state.rows.map((r, i) => {
          const attr = attributes.find((a) => a.name === r.attribute)
          const ops = operators.filter((o) => attr && o.types.includes(attr.type))
          const op = operators.find((o) => o.name === r.operator)
          const n = i + 1
          return (
            <div key={r.key} className="flex flex-col gap-2 rounded-lg border p-3" aria-label={`Condition ${n}`}>
              <div className="grid grid-cols-2 gap-2">
                <select
                  aria-label={`Attribute ${n}`}
                  className={selectClass}
                  value={r.attribute}
                  onChange={(e) => {
                    const a = attributes.find((x) => x.name === e.target.value)
                    const first = operators.find((o) => a && o.types.includes(a.type))
                    update(r.key, { attribute: e.target.value, operator: first?.name ?? "", value: "", value2: "" })
                  }}
                >
                  {attributes.map((a) => (
                    <option key={a.name} value={a.name}>
                      {a.label}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`Operator ${n}`}
                  className={selectClass}
                  value={r.operator}
                  onChange={(e) => update(r.key, { operator: e.target.value })}
                >
                  {ops.map((o) => (
                    <option key={o.name} value={o.name}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="grid grid-cols-2 gap-2">
                {attr?.requiresKey && (
                  <Input
                    aria-label={`Key ${n}`}
                    placeholder="metadata key"
                    value={r.meta_key}
                    onChange={(e) => update(r.key, { meta_key: e.target.value })}
                  />
                )}
                {op && op.shape !== "none" && (
                  <Input
                    aria-label={`Value ${n}`}
                    placeholder={
                      op.shape === "list" ? "comma-separated values" : attr?.type === "date" ? "YYYY-MM-DD" : "value"
                    }
                    value={r.value}
                    onChange={(e) => update(r.key, { value: e.target.value })}
                  />
                )}
                {op?.shape === "pair" && (
                  <Input
                    aria-label={`Upper value ${n}`}
                    placeholder="and"
                    value={r.value2}
                    onChange={(e) => update(r.key, { value2: e.target.value })}
                  />
                )}
                {attr?.windowable && (
                  <Input
                    aria-label={`Window days ${n}`}
                    placeholder="in the last N days (optional)"
                    type="number"
                    value={r.window_days}
                    onChange={(e) => update(r.key, { window_days: e.target.value })}
                  />
                )}
                {attr?.type === "purchase" && (
                  <Input
                    aria-label={`Minimum quantity ${n}`}
                    placeholder="minimum quantity (default 1)"
                    type="number"
                    value={r.min_quantity}
                    onChange={(e) => update(r.key, { min_quantity: e.target.value })}
                  />
                )}
              </div>
              <div className="flex items-center justify-between">
                <Text size="xsmall" className="text-ui-fg-muted">
                  {attr?.source}
                  {op ? ` — ${op.semantics}` : ""}
                </Text>
                <Button
                  size="small"
                  variant="transparent"
                  type="button"
                  onClick={() => onChange({ ...state, rows: state.rows.filter((x) => x.key !== r.key) })}
                >
                  Remove
                </Button>
              </div>
            </div>
          )
        })}
        <div>
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={() => onChange({ ...state, rows: [...state.rows, emptyRow()] })}
          >
            Add condition
          </Button>
        </div>
        <Text size="xsmall" className="text-ui-fg-muted">
          No conditions with "all" matches every customer; with "any" it matches nobody.
        </Text>
      </div>
      <PreviewPanel
        preview={preview.data?.preview}
        loading={preview.isFetching}
        error={preview.error ? (preview.error as Error).message : null}
      />
    </div>
  )
}
