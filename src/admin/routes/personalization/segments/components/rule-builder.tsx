import { Button, Input, Label, Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useSegmentAttributes, useSegmentPreview } from "../../../../hooks/segments"
import { PreviewPanel } from "./rule-preview"
import { BuilderState, emptyRow, Row, selectClass, toRules } from "./rule-state"

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

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
