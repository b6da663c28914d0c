import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useCustomerSegments } from "../hooks/segments"

/** Customer detail: the segments this customer is in now. */
const CustomerSegmentsWidget = ({ data }: DetailWidgetProps<{ id: string }>) => {
  const { data: res, isLoading } = useCustomerSegments(data.id)
  const segments = res?.segments ?? []
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Segments</Heading>
      </div>
      <div className="px-6 py-4">
        {isLoading ? (
          <Text size="small">Loading…</Text>
        ) : segments.length === 0 ? (
          <Text size="small" className="text-ui-fg-subtle">
            Not in any segment.
          </Text>
        ) : (
          <ul className="txt-compact-small flex flex-col gap-1">
            {segments.map((s) => (
              <li key={s.id}>
                <Link to={`/personalization/segments/${s.id}`} className="text-ui-fg-interactive">
                  {s.name}
                </Link>{" "}
                <span className="text-ui-fg-muted">
                  ({s.status}) since {new Date(s.entered_at).toLocaleDateString()}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerSegmentsWidget
