import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  AdminSegmentGroupSync,
  AdminSegmentGroupSyncBody,
  AdminSegmentGroupSyncResponse,
} from "../../types/segment-group-sync"

import type {
  AdminCustomerSegment,
  AdminCustomerSegmentListResponse,
  AdminOverlapSegment,
  AdminRuleCondition,
  AdminRuleNode,
  AdminSegment,
  AdminSegmentAttribute,
  AdminSegmentAttributesResponse,
  AdminSegmentBody,
  AdminSegmentEvaluateResponse,
  AdminSegmentListResponse,
  AdminSegmentMember,
  AdminSegmentMemberListResponse,
  AdminSegmentOperator,
  AdminSegmentOverlap,
  AdminSegmentOverlapResponse,
  AdminSegmentPreview,
  AdminSegmentPreviewBody,
  AdminSegmentPreviewResponse,
  AdminSegmentResponse,
  AdminSegmentVersion,
  AdminSegmentVersionListResponse,
} from "../../types/segments"

export type Condition = AdminRuleCondition
export type RuleNode = AdminRuleNode
export type Segment = AdminSegment
export type Attribute = AdminSegmentAttribute
export type Operator = AdminSegmentOperator
export type Preview = AdminSegmentPreview
export type Member = AdminSegmentMember
export type Version = AdminSegmentVersion
export type Overlap = AdminSegmentOverlap
export type OverlapSegment = AdminOverlapSegment
export type CustomerSegment = AdminCustomerSegment
export type SegmentBody = AdminSegmentBody
export type GroupSync = AdminSegmentGroupSync
export type GroupSyncBody = AdminSegmentGroupSyncBody

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
  groupSync: (id: string) => ["segments", "group-sync", id] as const,
  customerGroup: (id: string) => ["segments", "customer-group", id] as const,
}

const get = <T>(path: string, query?: Record<string, unknown>) => sdk.client.fetch<T>(path, { query })

export const useSegments = (query: { limit?: number; offset?: number; q?: string; status?: string } = {}) =>
  useQuery({
    queryKey: segmentKeys.list(query),
    queryFn: () => get<AdminSegmentListResponse>("/admin/segments", query),
  })

export const useSegment = (id: string) =>
  useQuery({
    queryKey: segmentKeys.detail(id),
    queryFn: () => get<AdminSegmentResponse>(`/admin/segments/${id}`),
  })

export const useSegmentMembers = (id: string, query: { limit: number; offset: number; include_exited?: boolean }) =>
  useQuery({
    queryKey: segmentKeys.members(id, query),
    queryFn: () =>
      get<AdminSegmentMemberListResponse>(`/admin/segments/${id}/members`, {
        limit: query.limit,
        offset: query.offset,
        include_exited: query.include_exited ? "true" : undefined,
      }),
    placeholderData: keepPreviousData,
  })

export const useSegmentVersions = (id: string) =>
  useQuery({
    queryKey: segmentKeys.versions(id),
    queryFn: () => get<AdminSegmentVersionListResponse>(`/admin/segments/${id}/versions`),
  })

export const useSegmentOverlap = () =>
  useQuery({
    queryKey: segmentKeys.overlap(),
    queryFn: () => get<AdminSegmentOverlapResponse>("/admin/segments/overlap"),
  })

export const useSegmentAttributes = () =>
  useQuery({
    queryKey: segmentKeys.attributes(),
    queryFn: () => get<AdminSegmentAttributesResponse>("/admin/segments/attributes"),
    staleTime: Infinity,
  })

export const useCustomerSegments = (customerId: string) =>
  useQuery({
    queryKey: segmentKeys.customer(customerId),
    queryFn: () => get<AdminCustomerSegmentListResponse>("/admin/segments", { customer_id: customerId }),
  })

/** Live preview: re-runs whenever the (debounced) body changes; keeps the last result while loading. */
export const useSegmentPreview = (body: AdminSegmentPreviewBody | null) =>
  useQuery({
    queryKey: segmentKeys.preview(body),
    queryFn: () =>
      sdk.client.fetch<AdminSegmentPreviewResponse>("/admin/segments/preview", { method: "POST", body: body! }),
    enabled: !!body,
    placeholderData: keepPreviousData,
    retry: false,
  })

export const useCreateSegment = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: SegmentBody) =>
      sdk.client.fetch<AdminSegmentResponse>("/admin/segments", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}

export const useUpdateSegment = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: SegmentBody) =>
      sdk.client.fetch<AdminSegmentResponse>(`/admin/segments/${id}`, { method: "POST", body }),
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
      sdk.client.fetch<AdminSegmentEvaluateResponse>(`/admin/segments/${id}/evaluate`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: segmentKeys.all }),
  })
}

/** The file name in a `Content-Disposition: attachment; filename="..."` header, when there is one. */
export function attachmentFilename(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? "")
  return match ? match[1] : null
}

/**
 * Downloads the members CSV (`GET /admin/segments/:id/members.csv`) through the js-sdk, so it carries
 * the same session and backend URL as every other admin call (a plain link would rely on a cookie for
 * the admin's own origin, which fails when the backend is elsewhere), then hands the file to the
 * browser. The whole file is held in memory once (about 9 MB for 100k members).
 */
export const useExportSegmentMembers = (id: string) =>
  useMutation({
    mutationFn: async () => {
      const res = (await sdk.client.fetch(`/admin/segments/${encodeURIComponent(id)}/members.csv`, {
        headers: { accept: "text/csv" },
      })) as unknown as Response
      const blob = await res.blob()
      const url = URL.createObjectURL(blob)
      const a = document.createElement("a")
      a.href = url
      a.download = attachmentFilename(res.headers.get("content-disposition")) ?? `segment-${id}-members.csv`
      document.body.appendChild(a)
      a.click()
      a.remove()
      // the click has started the download; the object URL can go once the browser has read it
      setTimeout(() => URL.revokeObjectURL(url), 60000)
      return { bytes: blob.size }
    },
  })

/** The segment's customer group sync (`GET /admin/segments/:id/group-sync`). */
export const useSegmentGroupSync = (id: string) =>
  useQuery({
    queryKey: segmentKeys.groupSync(id),
    queryFn: () => get<AdminSegmentGroupSyncResponse>(`/admin/segments/${id}/group-sync`),
    retry: false,
    // a background fill reports its progress: follow it until it ends
    refetchInterval: (query) => (query.state.data?.group_sync.status === "filling" ? 2000 : false),
  })

/** Enable, disable (keep or delete the group) or resync; refreshes the sync state and the segment. */
export const useUpdateSegmentGroupSync = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: GroupSyncBody) =>
      sdk.client.fetch<AdminSegmentGroupSyncResponse>(`/admin/segments/${id}/group-sync`, { method: "POST", body }),
    onSuccess: (res) => {
      qc.setQueryData(segmentKeys.groupSync(id), res)
      return qc.invalidateQueries({ queryKey: segmentKeys.all })
    },
  })
}

type CustomerGroupMetadata = {
  customer_group: { id: string; name: string | null; metadata: Record<string, unknown> | null }
}

/** A core customer group's name and metadata (the mark of a segment-managed group lives there). */
export const useCustomerGroupMetadata = (groupId: string) =>
  useQuery({
    queryKey: segmentKeys.customerGroup(groupId),
    queryFn: () => get<CustomerGroupMetadata>(`/admin/customer-groups/${groupId}`, { fields: "id,name,metadata" }),
  })
