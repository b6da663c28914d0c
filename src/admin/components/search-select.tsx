import { clx, Input } from "@medusajs/ui"
import { KeyboardEvent, useEffect, useState } from "react"
import { PickerOption, PickerSource, usePickerLabels, usePickerSearch } from "../hooks/pickers"

/** `value`, once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return debounced
}

type SearchSelectProps = {
  /** Id of the input; point a `<Label htmlFor>` at it. */
  id: string
  source: PickerSource
  value: string | null
  onChange: (value: string | null, option: PickerOption | null) => void
  placeholder?: string
  /** When given, the first option is this label and chooses `null` (e.g. "Anonymous"). */
  emptyLabel?: string
  disabled?: boolean
}

/**
 * A searchable combobox over a core admin resource: shows titles, stores ids. Follows the WAI-ARIA
 * combobox pattern (input + listbox, arrow keys, Enter, Escape); searches are debounced and the
 * previous results stay visible while the next page loads.
 */
export const SearchSelect = ({ id, source, value, onChange, placeholder, emptyLabel, disabled }: SearchSelectProps) => {
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState("")
  const [active, setActive] = useState(0)
  const [picked, setPicked] = useState<PickerOption | null>(null)
  const q = useDebouncedValue(search.trim(), 250)
  const results = usePickerSearch(source, q, open)
  // a value set from outside (or before this mount) gets its title from the API
  const known = usePickerLabels(source, value && picked?.id !== value ? [value] : [])
  const selected = !value ? null : picked?.id === value ? picked : (known.data?.[value] ?? { id: value, label: value })

  const options = results.data ?? []
  const items: (PickerOption | null)[] = emptyLabel !== undefined ? [null, ...options] : options
  const listId = `${id}-listbox`
  const optionId = (i: number) => `${id}-option-${i}`

  useEffect(() => setActive(0), [q, source, open])
  useEffect(() => {
    if (open) {
      document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" })
    }
  }, [active, open])

  const close = () => {
    setOpen(false)
    setSearch("")
  }
  const choose = (option: PickerOption | null) => {
    setPicked(option)
    onChange(option?.id ?? null, option)
    close()
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault()
      if (!open) {
        setOpen(true)
        return
      }
      const step = e.key === "ArrowDown" ? 1 : -1
      setActive((a) => Math.min(Math.max(a + step, 0), Math.max(items.length - 1, 0)))
    } else if (e.key === "Enter" && open && active < items.length) {
      e.preventDefault()
      choose(items[active])
    } else if (e.key === "Escape" && open) {
      e.preventDefault()
      close()
    }
  }

  const emptyText = results.isError
    ? "Could not load results"
    : results.isFetching || !results.data
      ? "Searching…"
      : "No matches"

  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && items.length ? optionId(active) : undefined}
        disabled={disabled}
        value={open ? search : (selected?.label ?? "")}
        placeholder={open && selected ? selected.label : (placeholder ?? emptyLabel)}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={close}
        onChange={(e) => {
          setSearch(e.target.value)
          setOpen(true)
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          aria-busy={results.isFetching}
          // keep focus in the input so a click selects before blur closes the list
          onMouseDown={(e) => e.preventDefault()}
          className={clx(
            "bg-ui-bg-base shadow-elevation-flyout absolute z-50 mt-1 max-h-64 w-full min-w-[240px] overflow-auto rounded-lg p-1",
            results.isFetching && "opacity-80"
          )}
        >
          {items.map((option, i) => (
            <li
              key={option?.id ?? "__empty"}
              id={optionId(i)}
              role="option"
              aria-selected={(option?.id ?? null) === (value || null)}
              aria-labelledby={`${optionId(i)}-label`}
              aria-describedby={option?.description ? `${optionId(i)}-description` : undefined}
              onClick={() => choose(option)}
              onMouseEnter={() => setActive(i)}
              className={clx(
                "txt-compact-small flex cursor-pointer items-baseline justify-between gap-x-2 rounded-md px-2 py-1.5",
                i === active && "bg-ui-bg-base-hover",
                (option?.id ?? null) === (value || null) && "txt-compact-small-plus"
              )}
            >
              <span id={`${optionId(i)}-label`} className={clx("truncate", !option && "text-ui-fg-subtle")}>
                {option ? option.label : emptyLabel}
              </span>
              {option?.description && (
                <span id={`${optionId(i)}-description`} className="text-ui-fg-muted txt-compact-xsmall truncate">
                  {option.description}
                </span>
              )}
            </li>
          ))}
          {!options.length && (
            <li role="presentation" className="text-ui-fg-muted txt-compact-small px-2 py-1.5">
              {emptyText}
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
