import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

/** Core admin resources a picker can search: the rule targets and the preview's customer. */
export type PickerSource = "product" | "category" | "collection" | "tag" | "customer"

export type PickerOption = { id: string; label: string; description?: string }

type Row = Record<string, any>

const SOURCES: Record<PickerSource, { path: string; key: string; fields: string; toOption: (r: Row) => PickerOption }> = {
  product: {
    path: "/admin/products",
    key: "products",
    fields: "id,title,handle",
    toOption: (p) => ({ id: p.id, label: p.title || p.id, description: p.handle ?? undefined }),
  },
  category: {
    path: "/admin/product-categories",
    key: "product_categories",
    fields: "id,name,handle",
    toOption: (c) => ({ id: c.id, label: c.name || c.id, description: c.handle ?? undefined }),
  },
  collection: {
    path: "/admin/collections",
    key: "collections",
    fields: "id,title,handle",
    toOption: (c) => ({ id: c.id, label: c.title || c.id, description: c.handle ?? undefined }),
  },
  tag: {
    path: "/admin/product-tags",
    key: "product_tags",
    fields: "id,value",
    toOption: (t) => ({ id: t.id, label: t.value || t.id }),
  },
  customer: {
    path: "/admin/customers",
    key: "customers",
    fields: "id,email,first_name,last_name",
    toOption: (c) => {
      const name = [c.first_name, c.last_name].filter(Boolean).join(" ")
      return { id: c.id, label: name || c.email || c.id, description: name ? c.email ?? undefined : undefined }
    },
  },
}

export const PICKER_PAGE_SIZE = 20

export const pickerKeys = {
  all: ["pickers"] as const,
  search: (source: PickerSource, q: string) => [...pickerKeys.all, source, "search", q] as const,
  byIds: (source: PickerSource, ids: string[]) => [...pickerKeys.all, source, "ids", ids] as const,
}

const list = async (source: PickerSource, query: Record<string, unknown>) => {
  const s = SOURCES[source]
  const res = await sdk.client.fetch<Record<string, Row[]>>(s.path, { query: { fields: s.fields, ...query } })
  return (res[s.key] ?? []).map(s.toOption)
}

/**
 * The first page of `source` matching `q`. While a new search loads, the previous results of the same
 * source stay on screen; a different source starts empty rather than showing products as categories.
 */
export const usePickerSearch = (source: PickerSource, q: string, enabled = true) =>
  useQuery({
    queryKey: pickerKeys.search(source, q),
    queryFn: () => list(source, { q: q || undefined, limit: PICKER_PAGE_SIZE }),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === source ? previous : undefined),
    staleTime: 30_000,
    enabled,
  })

/** Titles for ids already stored (selected values, table cells), keyed by id; unknown ids are absent. */
export const usePickerLabels = (source: PickerSource, ids: string[]) => {
  const unique = [...new Set(ids.filter(Boolean))].sort()
  return useQuery({
    queryKey: pickerKeys.byIds(source, unique),
    queryFn: async () => {
      const options = await list(source, { id: unique, limit: unique.length })
      return Object.fromEntries(options.map((o) => [o.id, o])) as Record<string, PickerOption>
    },
    enabled: unique.length > 0,
    // a new rule adds an id: keep the titles already known instead of flashing ids
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
}
