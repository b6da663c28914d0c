import { Label, Select } from "@medusajs/ui"
import { useId } from "react"

export type SelectOption = { value: string; label: string }

/**
 * A `@medusajs/ui` Select from a list of options (value + words) with its label: `label` is the one
 * name, shown as a `<Label>` tied to the trigger, or, with `hideLabel` (a row whose heading says
 * what it is), given to the trigger as `aria-label` for screen readers and tests. The label and the
 * trigger are siblings: the caller's container lays them out.
 */
export const SelectField = ({
  id,
  label,
  hideLabel = false,
  value,
  options,
  onChange,
  placeholder,
  className,
}: {
  /** Id of the trigger; generated when not given. */
  id?: string
  label: string
  hideLabel?: boolean
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
  placeholder?: string
  className?: string
}) => {
  const generated = useId()
  const triggerId = id ?? generated
  return (
    <>
      {!hideLabel && <Label htmlFor={triggerId}>{label}</Label>}
      <Select size="small" value={value || undefined} onValueChange={onChange}>
        <Select.Trigger id={triggerId} aria-label={hideLabel ? label : undefined} className={className}>
          <Select.Value placeholder={placeholder ?? "Choose…"} />
        </Select.Trigger>
        <Select.Content>
          {options.map((o) => (
            <Select.Item key={o.value} value={o.value}>
              {o.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </>
  )
}
