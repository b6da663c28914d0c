import { Select } from "@medusajs/ui"

export type SelectOption = { value: string; label: string }

/** A `@medusajs/ui` Select from a list of options (value + words), labelled for screen readers and tests. */
export const SelectField = ({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
  className,
}: {
  id?: string
  /** The accessible name of the trigger (`aria-label`). */
  label: string
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
  placeholder?: string
  className?: string
}) => (
  <Select size="small" value={value || undefined} onValueChange={onChange}>
    <Select.Trigger id={id} aria-label={label} className={className}>
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
)
