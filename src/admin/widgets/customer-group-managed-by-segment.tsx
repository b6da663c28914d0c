import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { DetailWidgetProps } from "@medusajs/framework/types"
import { Container, StatusBadge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useCustomerGroupMetadata, useSegment } from "../hooks/segments"
import { MANAGED_GROUP_METADATA_KEY } from "../../types/segment-group-sync"

/** The segment id a customer group's metadata marks it as managed by, or null. */
const managingSegmentId = (metadata: Record<string, unknown> | null | undefined): string | null => {
  const v = metadata?.[MANAGED_GROUP_METADATA_KEY]
  return typeof v === "string" && v ? v : null
}

const ManagedBy = ({ segmentId }: { segmentId: string }) => {
  const { data, isError } = useSegment(segmentId)
  return (
    <Container className="flex flex-col gap-1 px-6 py-4" aria-label="Managed by segment">
      <div className="flex items-center gap-2">
        <StatusBadge color={isError ? "orange" : "blue"}>Managed</StatusBadge>
        <Text size="small">
          Managed by segment{" "}
          <Link to={`/personalization/segments/${segmentId}`} className="text-ui-fg-interactive">
            {data?.segment.name ?? segmentId}
          </Link>
          {isError ? " (the segment could not be read)" : ""}
        </Text>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        The segment adds and removes this group's customers on every evaluation; customers added or removed here by hand
        are changed back. Turn the sync off on the segment to manage the group yourself.
      </Text>
    </Container>
  )
}

/** Customer group detail: "Managed by segment X" when the group carries a segment's mark, nothing otherwise. */
const CustomerGroupManagedBySegmentWidget = ({ data }: DetailWidgetProps<{ id: string }>) => {
  const { data: res } = useCustomerGroupMetadata(data.id)
  const segmentId = managingSegmentId(res?.customer_group.metadata)
  return segmentId ? <ManagedBy segmentId={segmentId} /> : null
}

export const config = defineWidgetConfig({
  zone: "customer_group.details.before",
})

export default CustomerGroupManagedBySegmentWidget
