import { useEffect, useState } from "react"
import { fetchRecommendations, RecommendationsResponse } from "../lib/recommendations"
import { useStore } from "../lib/store"
import { RecommendationList } from "../components/RecommendationList"

/** "Recommended for you" for a signed-in customer, best sellers for anyone else. */
export function Home() {
  const { ready, region, customer } = useStore()
  const [list, setList] = useState<RecommendationsResponse | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!ready) return
    setList(null)
    fetchRecommendations({ placement: "home", limit: 8, region_id: region?.id })
      .then(setList)
      .catch((e) => setError(e.message))
  }, [ready, region?.id, customer?.id])

  const title = customer ? "Recommended for you" : "Best sellers"
  return (
    <>
      {customer && <p className="muted">Welcome back, {customer.first_name || customer.email}.</p>}
      {error ? <p className="error">{error}</p> : <RecommendationList title={title} list={list} testId="home-list" />}
    </>
  )
}
