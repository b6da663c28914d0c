import { Button, Checkbox, Input, Label, Text, Textarea } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { SelectField } from "../../../../components/select-field"
import { RuleNode, Segment, SegmentBody, useSegmentAttributes } from "../../../../hooks/segments"
import { useStoreDefaultCurrency } from "../../../../hooks/store"
import type { SegmentTemplate } from "../../../../../types/segment-templates"
import { RuleBuilder } from "./rule-builder"
import { BuilderState, emptyRow, fromRules, rowProblem, toRules } from "./rule-state"

const STATUS_OPTIONS = [
  { value: "draft", label: "Draft" },
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
]

/**
 * Definition form shared by "new" and "edit": fields + rule builder with live preview. A new
 * segment may start from a template (remount the form with a `key` to switch templates).
 */
export const SegmentForm = ({
  initial,
  template,
  submitLabel,
  saving,
  onSubmit,
}: {
  initial?: Segment
  template?: SegmentTemplate
  submitLabel: string
  saving: boolean
  onSubmit: (body: SegmentBody) => Promise<void>
}) => {
  const { data: lang } = useSegmentAttributes()
  const [name, setName] = useState(initial?.name ?? template?.name ?? "")
  const [description, setDescription] = useState(initial?.description ?? template?.description ?? "")
  const storeCurrency = useStoreDefaultCurrency()
  // "" until the merchant types one: the store's default currency (shown as the placeholder) applies
  const [typedCurrency, setCurrency] = useState(initial?.currency_code ?? "")
  const currency = typedCurrency || storeCurrency || ""
  const [status, setStatus] = useState<Segment["status"]>(initial?.status ?? "active")
  const [priority, setPriority] = useState(String(initial?.priority ?? 0))
  const [exclusive, setExclusive] = useState(initial?.exclusive ?? false)
  const [guests, setGuests] = useState(initial?.include_guest_orders ?? false)
  const parsed = initial ? fromRules(initial.rules) : template ? fromRules(template.rules) : null
  const [state, setState] = useState<BuilderState>(parsed ?? { match: "all", rows: initial ? [] : [emptyRow()] })
  const advanced = !!initial && !parsed

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!advanced && lang && state.rows.some((r) => rowProblem(r, lang.attributes, lang.operators))) {
      // show every row's problem, also of rows the merchant never touched
      setState({ ...state, rows: state.rows.map((r) => ({ ...r, touched: true })) })
      return
    }
    const rules: RuleNode | undefined = advanced || !lang ? undefined : toRules(state, lang.attributes, lang.operators)
    await onSubmit({
      name,
      description: description || null,
      // none typed: the API resolves the store's default currency
      ...(currency ? { currency_code: currency } : {}),
      status,
      priority: Number(priority) || 0,
      exclusive,
      include_guest_orders: guests,
      ...(rules ? { rules } : {}),
    } as SegmentBody)
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 px-6 py-4">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="segment-name">Name</Label>
          <Input id="segment-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="segment-currency">Currency</Label>
          <Input
            id="segment-currency"
            value={typedCurrency}
            placeholder={storeCurrency ?? ""}
            onChange={(e) => setCurrency(e.target.value)}
            maxLength={3}
          />
        </div>
        <div className="flex flex-col gap-1">
          <SelectField
            id="segment-status"
            label="Status"
            value={status}
            options={STATUS_OPTIONS}
            onChange={(v) => setStatus(v as Segment["status"])}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="segment-priority">Priority</Label>
          <Input id="segment-priority" type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
        </div>
        <div className="flex items-center gap-2">
          <Checkbox id="segment-exclusive" checked={exclusive} onCheckedChange={(v) => setExclusive(v === true)} />
          <Label htmlFor="segment-exclusive" size="small">
            Exclusive (highest priority wins)
          </Label>
        </div>
        <div className="flex items-center gap-2">
          <Checkbox id="segment-guests" checked={guests} onCheckedChange={(v) => setGuests(v === true)} />
          <Label htmlFor="segment-guests" size="small">
            Attribute guest orders by email
          </Label>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="segment-description">Description</Label>
        <Textarea id="segment-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {advanced ? (
        <Text size="small" className="text-ui-fg-subtle">
          This segment's rules are nested (not / groups); edit them through the API. Current rules:
          <pre className="txt-compact-xsmall">{JSON.stringify(initial?.rules, null, 2)}</pre>
        </Text>
      ) : (
        <RuleBuilder state={state} onChange={setState} currency={currency} includeGuestOrders={guests} />
      )}
      <div>
        <Button type="submit" isLoading={saving}>
          {submitLabel}
        </Button>
      </div>
    </form>
  )
}
