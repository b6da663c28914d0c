import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { PickerOption, usePickerLabels } from "./pickers"

export type RecommendationRule = {
  id: string
  name: string
  action: "boost" | "bury" | "pin" | "exclude"
  target_type: "product" | "category" | "collection" | "tag"
  target_id: string
  weight: number
  segment_id: string | null
  objective_id: string | null
  version: number
  status: "draft" | "active" | "archived"
  created_at: string
  updated_at: string
}

export type RuleInput = Omit<RecommendationRule, "id" | "version" | "created_at" | "updated_at">

export type PreviewItem = {
  product_id: string
  score: number
  reasons: { type: string; message: string; product_id?: string; rule_id?: string }[]
  trace: {
    source: string
    fallback: boolean
    segment_ids: string[]
    rule_id: string | null
    rule_version: number | null
    objective_id: string | null
    filters: Record<string, number>
  }
  product: { id: string; title: string; handle: string; thumbnail: string | null } | null
}

export type Preview = {
  recommendation_id: string
  items: PreviewItem[]
  filters: Record<string, number>
  experiment: { objective_id: string | null; group: string | null; personalized: boolean }
  segment_ids: string[]
  rules_applied: { id: string; version: number; action: string }[]
}

export type PreviewQuery = {
  customer_id?: string
  placement: "home" | "product" | "cart"
  product_id?: string
  limit?: number
}

export const recommendationKeys = {
  all: ["recommendations"] as const,
  rules: () => [...recommendationKeys.all, "rules"] as const,
  preview: (q: PreviewQuery) => [...recommendationKeys.all, "preview", q] as const,
  frequentlyBought: (productId: string) => [...recommendationKeys.all, "frequently-bought", productId] as const,
}

export function useRecommendationRules() {
  return useQuery({
    queryKey: recommendationKeys.rules(),
    queryFn: () =>
      sdk.client.fetch<{ rules: RecommendationRule[]; count: number }>("/admin/recommendations/rules", {
        query: { limit: 200 },
      }),
  })
}

export function useCreateRecommendationRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<RuleInput>) =>
      sdk.client.fetch<{ rule: RecommendationRule }>("/admin/recommendations/rules", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useUpdateRecommendationRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<RuleInput> & { id: string }) =>
      sdk.client.fetch<{ rule: RecommendationRule }>(`/admin/recommendations/rules/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useDeleteRecommendationRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/recommendations/rules/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useRebuildAffinity() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ affinity: { pairs: number; orders: number } }>("/admin/recommendations/rebuild", {
        method: "POST",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useRecommendationPreview(q: PreviewQuery | null) {
  return useQuery({
    queryKey: recommendationKeys.preview(q ?? { placement: "home" }),
    enabled: !!q,
    queryFn: () =>
      sdk.client.fetch<{ preview: Preview }>("/admin/recommendations/preview", {
        query: Object.fromEntries(Object.entries(q!).filter(([, v]) => v !== undefined && v !== "")),
      }),
  })
}

export function useFrequentlyBought(productId: string) {
  return useQuery({
    queryKey: recommendationKeys.frequentlyBought(productId),
    queryFn: () =>
      sdk.client.fetch<{
        buyers: number
        items: {
          product_id: string
          customers: number
          product: { id: string; title: string; status: string } | null
        }[]
      }>(`/admin/recommendations/frequently-bought/${productId}`, { query: { limit: 8 } }),
  })
}

/** Titles of the rules' targets, per target type and id (an id missing from the map no longer exists). */
export function useRuleTargetLabels(rules: RecommendationRule[] = []) {
  const ids = (type: RecommendationRule["target_type"]) =>
    rules.filter((r) => r.target_type === type).map((r) => r.target_id)
  const product = usePickerLabels("product", ids("product"))
  const category = usePickerLabels("category", ids("category"))
  const collection = usePickerLabels("collection", ids("collection"))
  const tag = usePickerLabels("tag", ids("tag"))
  const labels: Record<RecommendationRule["target_type"], Record<string, PickerOption> | undefined> = {
    product: product.data,
    category: category.data,
    collection: collection.data,
    tag: tag.data,
  }
  return (rule: RecommendationRule): PickerOption | undefined => labels[rule.target_type]?.[rule.target_id]
}
