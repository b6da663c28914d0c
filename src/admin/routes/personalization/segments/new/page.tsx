import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCreateSegment } from "../../../../hooks/segments"
import { SEGMENT_TEMPLATES, SegmentTemplate } from "../../../../../types/segment-templates"
import { SegmentForm } from "../components/segment-form"

/** Segments to start from: choosing one fills the form (name, description, rules), which stays editable. */
const Templates = ({
  chosen,
  onChoose,
}: {
  chosen: SegmentTemplate | null
  onChoose: (t: SegmentTemplate | null) => void
}) => (
  <div className="flex flex-col gap-2 px-6 py-4" aria-label="Templates">
    <div className="flex items-center justify-between">
      <Text size="small" weight="plus">
        Start from a template
      </Text>
      {chosen ? (
        <Button size="small" variant="transparent" type="button" onClick={() => onChoose(null)}>
          Start blank
        </Button>
      ) : null}
    </div>
    <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
      {SEGMENT_TEMPLATES.map((t) => (
        <button
          key={t.id}
          type="button"
          aria-pressed={chosen?.id === t.id}
          onClick={() => onChoose(t)}
          className={`rounded-lg border p-3 text-left transition-colors hover:bg-ui-bg-base-hover ${
            chosen?.id === t.id ? "border-ui-border-interactive bg-ui-bg-highlight" : "border-ui-border-base"
          }`}
        >
          <Text size="small" weight="plus">
            {t.name}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t.description}
          </Text>
        </button>
      ))}
    </div>
  </div>
)

const NewSegmentPage = () => {
  const create = useCreateSegment()
  const navigate = useNavigate()
  const [template, setTemplate] = useState<SegmentTemplate | null>(null)
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">New segment</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Conditions on real orders (canceled orders never count; amounts in the segment's currency).
        </Text>
      </div>
      <Templates chosen={template} onChoose={setTemplate} />
      <SegmentForm
        key={template?.id ?? "blank"}
        template={template ?? undefined}
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
