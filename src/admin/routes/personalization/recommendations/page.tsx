import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { usePickerLabels } from "../../../hooks/pickers"
import { useRebuildAffinity, useRecommendationRules, useRuleTargetLabels } from "../../../hooks/recommendations"
import { PreviewPanel } from "./components/preview-panel"
import { QualityPanel } from "./components/quality-panel"
import { RepurchaseWindowsPanel } from "./components/repurchase-windows"
import { RuleEditor, RuleRow } from "./components/rules"

const RecommendationsPage = () => {
  const { data, isLoading } = useRecommendationRules()
  const rebuild = useRebuildAffinity()
  const targetOf = useRuleTargetLabels(data?.rules)
  // names for the ids the rules store, however many segments and objectives the store has
  const segments =
    usePickerLabels(
      "segment",
      (data?.rules ?? []).map((r) => r.segment_id ?? "")
    ).data ?? {}
  const objectives =
    usePickerLabels(
      "objective",
      (data?.rules ?? []).map((r) => r.objective_id ?? "")
    ).data ?? {}
  return (
    <div className="flex flex-col gap-4">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Recommendations</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Co-purchase recommendations with segment rules and labeled fallbacks, served by GET
              /store/recommendations.
            </Text>
          </div>
          <Button
            variant="secondary"
            isLoading={rebuild.isPending}
            onClick={() =>
              rebuild
                .mutateAsync()
                .then((r) =>
                  toast.success(`Co-purchases rebuilt: ${r.affinity.pairs} pairs from ${r.affinity.orders} orders`)
                )
                .catch((e) => toast.error((e as Error).message))
            }
          >
            Rebuild co-purchases
          </Button>
        </div>
        <div className="px-6 py-4">
          <Heading level="h2">Rules</Heading>
        </div>
        <RuleEditor />
        <div className="overflow-x-auto px-6 py-4">
          {isLoading ? (
            <Text>Loading…</Text>
          ) : (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Name</Table.HeaderCell>
                  <Table.HeaderCell>Rule</Table.HeaderCell>
                  <Table.HeaderCell>Weight</Table.HeaderCell>
                  <Table.HeaderCell>Segment</Table.HeaderCell>
                  <Table.HeaderCell>Objective</Table.HeaderCell>
                  <Table.HeaderCell>Version</Table.HeaderCell>
                  <Table.HeaderCell>Status</Table.HeaderCell>
                  <Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data?.rules.map((r) => (
                  <RuleRow
                    key={r.id}
                    rule={r}
                    target={targetOf(r)}
                    segment={r.segment_id ? segments[r.segment_id] : undefined}
                    objective={r.objective_id ? objectives[r.objective_id] : undefined}
                  />
                ))}
              </Table.Body>
            </Table>
          )}
          {data && !data.rules.length && (
            <Text size="small" className="text-ui-fg-subtle">
              No rules yet.
            </Text>
          )}
        </div>
      </Container>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">View as customer</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The list the store would serve, with each item's source, score and reasons.
          </Text>
        </div>
        <PreviewPanel />
      </Container>
      <Container className="divide-y p-0">
        <QualityPanel />
      </Container>
      <Container className="divide-y p-0">
        <RepurchaseWindowsPanel />
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Recommendations",
})

export default RecommendationsPage
