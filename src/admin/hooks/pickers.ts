import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

/**
 * Admin resources a picker can search: the rule targets and the preview's customer (core), and the
 * plugin's segments and objectives (searched by name, so there is no cap on how many a store has).
 */
export type PickerSource = "product" | "category" | "collection" | "tag" | "customer" | "segment" | "objective"

export type PickerOption = { id: string; label: string; description?: string }

type Row = Record<string, any>

type Source = {
  path: string
  key: string
  /** Core routes take `fields`; the plugin's own routes return their fixed shape. */
  fields?: string
  /** Extra filters for searches only (ids already stored are named whatever their state). */
  search?: Record<string, unknown>
  toOption: (r: Row) => PickerOption
}

const SOURCES: Record<PickerSource, Source> = {
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
      return { id: c.id, label: name || c.email || c.id, description: name ? (c.email ?? undefined) : undefined }
    },
  },
  segment: {
    path: "/admin/segments",
    key: "segments",
    search: { status: ["active", "draft"] },
    toOption: (s) => ({ id: s.id, label: s.name || s.id, description: s.status === "active" ? undefined : s.status }),
  },
  objective: {
    path: "/admin/objectives",
    key: "objectives",
    // an active rule serves a draft or active objective (the API refuses the others)
    search: { status: ["active", "draft"] },
    toOption: (o) => ({ id: o.id, label: o.name || o.id, description: o.status }),
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
  const res = await sdk.client.fetch<Record<string, Row[]>>(s.path, {
    query: { ...(s.fields ? { fields: s.fields } : {}), ...query },
  })
  return (res[s.key] ?? []).map(s.toOption)
}

/**
 * The first page of `source` matching `q`. While a new search loads, the previous results of the same
 * source stay on screen; a different source starts empty rather than showing products as categories.
 */
export const usePickerSearch = (source: PickerSource, q: string, enabled = true) =>
  useQuery({
    queryKey: pickerKeys.search(source, q),
    queryFn: () => list(source, { ...SOURCES[source].search, q: q || undefined, limit: PICKER_PAGE_SIZE }),
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
      // list routes cap `limit` at 100: ask in pages of ids
      const pages: string[][] = []
      for (let i = 0; i < unique.length; i += 100) {
        pages.push(unique.slice(i, i + 100))
      }
      const options = (await Promise.all(pages.map((ids) => list(source, { id: ids, limit: ids.length })))).flat()
      return Object.fromEntries(options.map((o) => [o.id, o])) as Record<string, PickerOption>
    },
    enabled: unique.length > 0,
    // a new rule adds an id: keep the titles already known instead of flashing ids
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
}
