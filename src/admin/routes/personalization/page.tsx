import { defineRouteConfig } from "@medusajs/admin-sdk"
import { LightBulb } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"

const SECTIONS = [
  {
    to: "/personalization/plan",
    title: "Plan",
    text: "Objectives, requirements, segments and rules as one record: why each rule exists and whether it works.",
  },
  {
    to: "/personalization/data-map",
    title: "Data map",
    text: "Where customer and product data lives, how fresh it is, and what each gap blocks.",
  },
  {
    to: "/personalization/segments",
    title: "Segments",
    text: "Precise customer segments defined as data and evaluated against real orders.",
  },
  {
    to: "/personalization/objectives",
    title: "Objectives",
    text: "Goals tied to a business metric, with a baseline, a target and a holdout.",
  },
  {
    to: "/personalization/data-audit",
    title: "Data audit",
    text: "Gaps in the store's data and which segments, objectives and strategies they block.",
  },
  {
    to: "/personalization/recommendations",
    title: "Recommendations",
    text: "Rules and previews for the recommendations served by the store API.",
  },
]

const PersonalizationPage = () => {
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">Personalization</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Discovery first: map the data, define segments precisely, tie them to objectives, then personalize.
        </Text>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to} className="rounded-lg border p-4 hover:bg-ui-bg-base-hover">
            <Text weight="plus">{s.title}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {s.text}
            </Text>
          </Link>
        ))}
      </div>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Personalization",
  icon: LightBulb,
})

export default PersonalizationPage
