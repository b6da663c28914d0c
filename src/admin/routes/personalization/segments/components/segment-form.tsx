import { Button, Input, Label, Text, Textarea } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { RuleNode, Segment, SegmentBody, useSegmentAttributes } from "../../../../hooks/segments"
import { useStoreDefaultCurrency } from "../../../../hooks/store"
import { RuleBuilder } from "./rule-builder"
import { BuilderState, emptyRow, fromRules, selectClass, toRules } from "./rule-state"

/** Definition form shared by "new" and "edit": fields + rule builder with live preview. */
export const SegmentForm = ({
  initial,
  submitLabel,
  saving,
  onSubmit,
}: {
  initial?: Segment
  submitLabel: string
  saving: boolean
  onSubmit: (body: SegmentBody) => Promise<void>
}) => {
  const { data: lang } = useSegmentAttributes()
  const [name, setName] = useState(initial?.name ?? "")
  const [description, setDescription] = useState(initial?.description ?? "")
  const storeCurrency = useStoreDefaultCurrency()
  // "" until the merchant types one: the store's default currency (shown as the placeholder) applies
  const [typedCurrency, setCurrency] = useState(initial?.currency_code ?? "")
  const currency = typedCurrency || storeCurrency || ""
  const [status, setStatus] = useState<Segment["status"]>(initial?.status ?? "active")
  const [priority, setPriority] = useState(String(initial?.priority ?? 0))
  const [exclusive, setExclusive] = useState(initial?.exclusive ?? false)
  const [guests, setGuests] = useState(initial?.include_guest_orders ?? false)
  const parsed = initial ? fromRules(initial.rules) : null
  const [state, setState] = useState<BuilderState>(parsed ?? { match: "all", rows: initial ? [] : [emptyRow()] })
  const advanced = !!initial && !parsed

  const submit = async (e: FormEvent) => {
    e.preventDefault()
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
          <Label htmlFor="segment-status">Status</Label>
          <select
            id="segment-status"
            className={selectClass}
            value={status}
            onChange={(e) => setStatus(e.target.value as Segment["status"])}
          >
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="segment-priority">Priority</Label>
          <Input id="segment-priority" type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
        </div>
        <label className="flex items-center gap-2 txt-compact-small">
          <input type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.target.checked)} />
          Exclusive (highest priority wins)
        </label>
        <label className="flex items-center gap-2 txt-compact-small">
          <input type="checkbox" checked={guests} onChange={(e) => setGuests(e.target.checked)} />
          Attribute guest orders by email
        </label>
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
