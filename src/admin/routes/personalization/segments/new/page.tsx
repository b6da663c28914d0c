import { Container, Heading, Text, toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { useCreateSegment } from "../../../../hooks/segments"
import { SegmentForm } from "../components/segment-form"

const NewSegmentPage = () => {
  const create = useCreateSegment()
  const navigate = useNavigate()
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">New segment</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Conditions on real orders (canceled orders never count; amounts in the segment's currency).
        </Text>
      </div>
      <SegmentForm
        submitLabel="Create segment"
        saving={create.isPending}
        onSubmit={async (body) => {
          try {
            const { segment } = await create.mutateAsync(body)
            toast.success("Segment created")
            navigate(`/personalization/segments/${segment.id}`)
          } catch (e) {
            toast.error("Could not create the segment", { description: (e as Error).message })
          }
        }}
      />
    </Container>
  )
}

export default NewSegmentPage
