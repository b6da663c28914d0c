/** 1 when any recommended product is in the relevant set, else 0. */
export function hitRate(recommended: string[], relevant: Set<string>): number {
  return recommended.some((id) => relevant.has(id)) ? 1 : 0
}

/** Binary-relevance NDCG@k; 0 when nothing is relevant. */
export function ndcgAtK(recommended: string[], relevant: Set<string>, k: number): number {
  let dcg = 0
  recommended.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      dcg += 1 / Math.log2(i + 2)
    }
  })
  let idcg = 0
  for (let i = 0; i < Math.min(k, relevant.size); i++) {
    idcg += 1 / Math.log2(i + 2)
  }
  return idcg ? dcg / idcg : 0
}
