import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

export type Condition = {
  type: "condition"
  attribute: string
  operator: string
  value?: unknown
  window_days?: number
  min_quantity?: number
  key?: string
}
export type RuleNode =
  | { type: "all"; conditions: RuleNode[] }
  | { type: "any"; conditions: RuleNode[] }
  | { type: "not"; condition: RuleNode }
  | Condition

export type Segment = {
  id: string
  name: string
  handle: string
  description: string | null
  owner_id: string | null
  status: "draft" | "active" | "archived"
  priority: number
  exclusive: boolean
  currency_code: string
  include_guest_orders: boolean
  rules: RuleNode | null
  version: number
  member_count: number
  last_evaluated_at: string | null
  /** Why the last evaluation failed (membership kept as it was); null when it succeeded. */
  last_error: string | null
  last_error_at: string | null
  error_count: number
  created_at: string
  updated_at: string
}

export type Attribute = {
  name: string
  type: "number" | "date" | "string" | "boolean" | "string_set" | "purchase"
  kind: string
  windowable: boolean
  requiresKey?: boolean
  values?: string[]
  label: string
  source: string
}
export type Operator = { name: string; types: string[]; shape: "none" | "scalar" | "pair" | "list"; semantics: string }

export type Preview = {
  count: number
  total_customers: number
  took_ms: number
  samples: {
    customer_id: string
    email: string | null
    facts: { path: string; attribute: string; value: unknown }[]
  }[]
  excluded_by: { path: string; excludes: number }[]
}

export type Member = {
  id: string
  customer_id: string
  entered_at: string
  exited_at: string | null
  customer: { id: string; email: string | null; first_name: string | null; last_name: string | null } | null
}
export type Version = {
  id: string
  version: number
  actor_id: string | null
  created_at: string
  definition: Partial<Segment>
}
export type Overlap = { segment_id: string; other_segment_id: string; count: number }
export type CustomerSegment = {
  id: string
  name: string
  handle: string
  status: string
  priority: number
  entered_at: string
}

export type SegmentBody = Partial<
  Pick<
    Segment,
    "name" | "handle" | "description" | "status" | "priority" | "exclusive" | "currency_code" | "include_guest_orders"
  >
> & { rules?: RuleNode }

export const segmentKeys = {
  all: ["segments"] as const,
  list: (q: Record<string, unknown> = {}) => ["segments", "list", q] as const,
  detail: (id: string) => ["segments", "detail", id] as const,
  members: (id: string, q: Record<string, unknown>) => ["segments", "members", id, q] as const,
  versions: (id: string) => ["segments", "versions", id] as const,
  overlap: () => ["segments", "overlap"] as const,
  attributes: () => ["segments", "attributes"] as const,
  preview: (body: unknown) => ["segments", "preview", body] as const,
  customer: (id: string) => ["segments", "customer", id] as const,
}

const get = <T>(path: string, query?: Record<string, unknown>) => sdk.client.fetch<T>(path, { query })

export const useSegments = (query: { limit?: number; offset?: number; q?: string; status?: string } = {}) =>
  useQuery({
    queryKey: segmentKeys.list(query),
    queryFn: () => get<{ segments: Segment[]; count: number }>("/admin/segments", query),
  })

export const useSegment = (id: string) =>
  useQuery({
    queryKey: segmentKeys.detail(id),
    queryFn: () => get<{ segment: Segment }>(`/admin/segments/${id}`),
  })

export const useSegmentMembers = (id: string, query: { limit: number; offset: number; include_exited?: boolean }) =>
  useQuery({
    queryKey: segmentKeys.members(id, query),
    queryFn: () =>
      get<{ members: Member[]; count: number }>(`/admin/segments/${id}/members`, {
        limit: query.limit,
        offset: query.offset,
        include_exited: query.include_exited ? "true" : undefined,
      }),
    placeholderData: keepPreviousData,
  })

export const useSegmentVersions = (id: string) =>
  useQuery({
    queryKey: segmentKeys.versions(id),
    queryFn: () => get<{ versions: Version[]; count: number }>(`/admin/segments/${id}/versions`),
  })

export const useSegmentOverlap = () =>
  useQuery({
    queryKey: segmentKeys.overlap(),
    queryFn: () => get<{ segments: Segment[]; overlaps: Overlap[] }>("/admin/segments/overlap"),
  })

export const useSegmentAttributes = () =>
  useQuery({
    queryKey: segmentKeys.attributes(),
    queryFn: () => get<{ attributes: Attribute[]; operators: Operator[] }>("/admin/segments/attributes"),
    staleTime: Infinity,
  })

export const useCustomerSegments = (customerId: string) =>
  useQuery({
    queryKey: segmentKeys.customer(customerId),
    queryFn: () => get<{ segments: CustomerSegment[]; count: number }>("/admin/segments", { customer_id: customerId }),
  })

/** Live preview: re-runs whenever the (debounced) body changes; keeps the last result while loading. */
export const useSegmentPreview = (
  body: { rules: RuleNode; currency_code: string; include_guest_orders?: boolean } | null
) =>
  useQuery({
    queryKey: segmentKeys.preview(body),
    queryFn: () => sdk.client.fetch<{ preview: Preview }>("/admin/segments/preview", { method: "POST", body: body! }),
    enabled: !!body,
    placeholderData: keepPreviousData,
    retry: false,
  })

export const useCreateSegment = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: SegmentBody) =>
      sdk.client.fetch<{ segment: Segment }>("/admin/segments", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}

export const useUpdateSegment = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: SegmentBody) =>
      sdk.client.fetch<{ segment: Segment }>(`/admin/segments/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}

export const useDeleteSegment = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/segments/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}

export const useEvaluateSegment = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ evaluation: { entered: number; exited: number; member_count: number; took_ms: number } }>(
        `/admin/segments/${id}/evaluate`,
        { method: "POST" }
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}
