import { Button, Hint, Input, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { useDebouncedValue } from "../../../../components/search-select"
import { SelectField } from "../../../../components/select-field"
import { useSegmentAttributes, useSegmentPreview } from "../../../../hooks/segments"
import { PreviewPanel } from "./rule-preview"
import { BuilderState, emptyRow, operatorLabel, Row, rowProblem, toRules } from "./rule-state"

const MATCH_OPTIONS = [
  { value: "all", label: "all conditions" },
  { value: "any", label: "any condition" },
]
const BOOLEAN_OPTIONS = [
  { value: "true", label: "yes" },
  { value: "false", label: "no" },
]

/**
 * Rule builder: attribute, comparison, value, window per condition, with a live preview count.
 * A row's problem shows once the merchant has touched it; the preview runs on complete rows only.
 */
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
  const attributes = useMemo(() => lang?.attributes ?? [], [lang])
  const operators = useMemo(() => lang?.operators ?? [], [lang])
  const problems = useMemo(
    () => new Map(state.rows.map((r) => [r.key, rowProblem(r, attributes, operators)])),
    [state.rows, attributes, operators]
  )
  const complete = !!lang && state.rows.every((r) => !problems.get(r.key))
  const rules = useMemo(
    () => (complete ? toRules(state, attributes, operators) : null),
    [complete, state, attributes, operators]
  )
  const body = useDebouncedValue(
    rules && /^[a-zA-Z]{3}$/.test(currency)
      ? { rules, currency_code: currency, include_guest_orders: includeGuestOrders }
      : null,
    350
  )
  const preview = useSegmentPreview(body)

  const update = (key: number, patch: Partial<Row>) =>
    onChange({
      ...state,
      rows: state.rows.map((r) => (r.key === key ? { ...r, ...patch, touched: true } : r)),
    })

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <SelectField
            id="segment-match"
            label="Customers matching"
            className="w-auto"
            value={state.match}
            options={MATCH_OPTIONS}
            onChange={(v) => onChange({ ...state, match: v as "all" | "any" })}
          />
        </div>
        {state.rows.map((r, i) => {
          const attr = attributes.find((a) => a.name === r.attribute)
          const ops = operators.filter((o) => attr && o.types.includes(attr.type))
          const op = ops.find((o) => o.name === r.operator)
          const problem = r.touched ? problems.get(r.key) : null
          const n = i + 1
          const enumerated = op?.shape === "scalar" && (attr?.type === "boolean" || !!attr?.values)
          return (
            <div key={r.key} className="flex flex-col gap-2 rounded-lg border p-3" aria-label={`Condition ${n}`}>
              <div className="grid grid-cols-2 gap-2">
                <SelectField
                  label={`Attribute ${n}`}
                  hideLabel
                  value={r.attribute}
                  options={attributes.map((a) => ({ value: a.name, label: a.label }))}
                  onChange={(v) => {
                    const a = attributes.find((x) => x.name === v)
                    const first = operators.find((o) => a && o.types.includes(a.type))
                    update(r.key, { attribute: v, operator: first?.name ?? "", value: "", value2: "" })
                  }}
                />
                <SelectField
                  label={`Operator ${n}`}
                  hideLabel
                  value={op ? r.operator : ""}
                  options={ops.map((o) => ({ value: o.name, label: operatorLabel(o.name, attr!.type) }))}
                  onChange={(v) => update(r.key, { operator: v })}
                />
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
                {enumerated ? (
                  <SelectField
                    label={`Value ${n}`}
                    hideLabel
                    value={r.value}
                    options={
                      attr?.type === "boolean"
                        ? BOOLEAN_OPTIONS
                        : (attr?.values ?? []).map((v) => ({ value: v, label: v.replace(/_/g, " ") }))
                    }
                    onChange={(v) => update(r.key, { value: v })}
                  />
                ) : (
                  op &&
                  op.shape !== "none" && (
                    <Input
                      aria-label={`Value ${n}`}
                      aria-invalid={!!problem}
                      placeholder={
                        op.shape === "list"
                          ? attr?.values
                            ? attr.values.join(", ")
                            : "comma-separated values"
                          : attr?.type === "date"
                            ? "YYYY-MM-DD"
                            : "value"
                      }
                      value={r.value}
                      onChange={(e) => update(r.key, { value: e.target.value })}
                    />
                  )
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
              {problem ? <Hint variant="error">{problem}</Hint> : null}
              <div className="flex items-start justify-between gap-2">
                <Text size="xsmall" className="min-w-0 text-ui-fg-muted">
                  {attr?.source}
                  {op ? ` — ${op.semantics}` : ""}
                </Text>
                <Button
                  size="small"
                  variant="transparent"
                  type="button"
                  className="shrink-0"
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
        preview={complete ? preview.data?.preview : undefined}
        loading={preview.isFetching}
        pending={!complete}
        attributes={attributes}
        error={complete && preview.error ? (preview.error as Error).message : null}
      />
    </div>
  )
}
