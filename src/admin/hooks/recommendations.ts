import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { PickerOption, usePickerLabels } from "./pickers"

import type {
  AdminFrequentlyBoughtResponse,
  AdminRebuildAffinityResponse,
  AdminRecommendationPreview,
  AdminRecommendationPreviewItem,
  AdminRecommendationPreviewQuery,
  AdminRecommendationPreviewResponse,
  AdminRecommendationRule,
  AdminRecommendationRuleInput,
  AdminRecommendationRuleListResponse,
  AdminRecommendationRuleResponse,
  AdminRecommendationValidationListResponse,
  AdminRecommendationValidationResponse,
  AdminRepurchaseWindowListResponse,
  AdminRepurchaseWindowsApplied,
  AdminRepurchaseWindowsInput,
} from "../../types/recommendations"

export type RecommendationRule = AdminRecommendationRule
export type RuleInput = AdminRecommendationRuleInput
export type PreviewItem = AdminRecommendationPreviewItem
export type Preview = AdminRecommendationPreview
export type PreviewQuery = AdminRecommendationPreviewQuery

export const recommendationKeys = {
  all: ["recommendations"] as const,
  rules: () => [...recommendationKeys.all, "rules"] as const,
  preview: (q: PreviewQuery) => [...recommendationKeys.all, "preview", q] as const,
  frequentlyBought: (productId: string) => [...recommendationKeys.all, "frequently-bought", productId] as const,
  validations: (limit: number) => [...recommendationKeys.all, "validations", limit] as const,
  repurchaseWindows: () => [...recommendationKeys.all, "repurchase-windows"] as const,
}

/** Repurchase windows detected on the store's orders, with each product's current window. */
export function useRepurchaseWindows() {
  return useQuery({
    queryKey: recommendationKeys.repurchaseWindows(),
    queryFn: () => sdk.client.fetch<AdminRepurchaseWindowListResponse>("/admin/recommendations/repurchase-windows"),
  })
}

/** Sets products' `repurchase_window_days` (the merchant accepts proposals). */
export function useApplyRepurchaseWindows() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: AdminRepurchaseWindowsInput) =>
      sdk.client.fetch<AdminRepurchaseWindowsApplied>("/admin/recommendations/repurchase-windows", {
        method: "POST",
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

/** The store's validation runs, latest first. */
export function useRecommendationValidations(limit = 10) {
  return useQuery({
    queryKey: recommendationKeys.validations(limit),
    queryFn: () =>
      sdk.client.fetch<AdminRecommendationValidationListResponse>("/admin/recommendations/validations", {
        query: { limit },
      }),
  })
}

/** Validates the candidates on the store's orders now (its choice is served from then on). */
export function useValidateRecommendations() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<AdminRecommendationValidationResponse>("/admin/recommendations/validate", {
        method: "POST",
        body: {},
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useRecommendationRules() {
  return useQuery({
    queryKey: recommendationKeys.rules(),
    queryFn: () =>
      sdk.client.fetch<AdminRecommendationRuleListResponse>("/admin/recommendations/rules", {
        query: { limit: 200 },
      }),
  })
}

export function useCreateRecommendationRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<RuleInput>) =>
      sdk.client.fetch<AdminRecommendationRuleResponse>("/admin/recommendations/rules", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recommendationKeys.all }),
  })
}

export function useUpdateRecommendationRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<RuleInput> & { id: string }) =>
      sdk.client.fetch<AdminRecommendationRuleResponse>(`/admin/recommendations/rules/${id}`, { method: "POST", body }),
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
      sdk.client.fetch<AdminRebuildAffinityResponse>("/admin/recommendations/rebuild", {
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
      sdk.client.fetch<AdminRecommendationPreviewResponse>("/admin/recommendations/preview", {
        query: Object.fromEntries(Object.entries(q!).filter(([, v]) => v !== undefined && v !== "")),
      }),
  })
}

export function useFrequentlyBought(productId: string) {
  return useQuery({
    queryKey: recommendationKeys.frequentlyBought(productId),
    queryFn: () =>
      sdk.client.fetch<AdminFrequentlyBoughtResponse>(`/admin/recommendations/frequently-bought/${productId}`, {
        query: { limit: 8 },
      }),
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
