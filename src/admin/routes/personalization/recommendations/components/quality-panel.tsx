import { Badge, Button, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useRecommendationValidations, useValidateRecommendations } from "../../../../hooks/recommendations"
import type { AdminRecommendationValidation } from "../../../../../types/recommendations"
import { bestSellersCause } from "../../../../../utils/quality-cause"
import { Link } from "react-router-dom"

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
/** A paired comparison: the hit-rate difference in points and its one-sided p-value (significant below 0.05). */
const paired = (p?: { difference: number; p_value: number }) =>
  p ? `${p.difference >= 0 ? "+" : ""}${(p.difference * 100).toFixed(1)} pts (p ${p.p_value.toPrecision(2)})` : "-"
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "-")

/** The candidates of one validation, best hit rate first, the served one and best sellers marked. */
const CandidatesTable = ({ validation }: { validation: AdminRecommendationValidation }) => {
  const candidates = [...(validation.candidates ?? [])].sort((a, b) => b.hit_rate - a.hit_rate || b.ndcg - a.ndcg)
  const best = candidates.find((c) => c.key === "best_sellers")
  if (!candidates.length) {
    return null
  }
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Candidate</Table.HeaderCell>
          <Table.HeaderCell>Hit rate@10</Table.HeaderCell>
          <Table.HeaderCell>vs best sellers</Table.HeaderCell>
          <Table.HeaderCell>Paired vs best sellers</Table.HeaderCell>
          <Table.HeaderCell>NDCG@10</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {candidates.map((c) => (
          <Table.Row key={c.key}>
            <Table.Cell>
              {c.label} {c.key === validation.chosen && <Badge size="2xsmall">served</Badge>}
            </Table.Cell>
            <Table.Cell>{pct(c.hit_rate)}</Table.Cell>
            <Table.Cell>{best?.hit_rate ? `${(c.hit_rate / best.hit_rate).toFixed(2)}x` : "-"}</Table.Cell>
            <Table.Cell>{paired(c.paired?.find((p) => p.against === "best_sellers"))}</Table.Cell>
            <Table.Cell>{c.ndcg.toFixed(4)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

/**
 * Why best sellers are served, in plain words from the run's figures, linked to the data audit
 * finding that measures the cause (the audit page opens that finding).
 */
const BestSellersWarning = ({ figures }: { figures: NonNullable<AdminRecommendationValidation["sufficiency"]> }) => {
  const cause = bestSellersCause(figures)
  return (
    <div className="flex flex-col gap-1" role="alert" aria-label="Why best sellers are served">
      <Text size="small" className="text-ui-fg-error">
        No co-purchase model beats best sellers on this store's orders: logged-in customers get best sellers they have
        not bought. {cause.text}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {cause.check_id ? (
          <>
            The data audit measures it:{" "}
            <Link
              to={`/personalization/data-audit#${cause.check_id}`}
              className="text-ui-fg-interactive"
              data-check-id={cause.check_id}
            >
              {cause.check_title}
            </Link>{" "}
            (run an audit there if none is listed).
          </>
        ) : (
          <>
            No data audit check measures this; the{" "}
            <Link to="/personalization/data-audit" className="text-ui-fg-interactive">
              data audit
            </Link>{" "}
            lists the store's other gaps.
          </>
        )}
      </Text>
    </div>
  )
}

/**
 * Quality: the latest validation of the recommendation candidates on the store's own orders (each
 * candidate vs best sellers, the model served and why), earlier runs, and "Validate now".
 */
export const QualityPanel = () => {
  const { data, isLoading } = useRecommendationValidations(10)
  const validate = useValidateRecommendations()
  const latest = data?.validations.find((v) => v.status === "succeeded")
  const s = latest?.sufficiency
  return (
    <>
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Quality</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every night (04:00) the candidates are validated on the store's recent orders; a model that does not beat
            best sellers there is never served.
          </Text>
        </div>
        <Button
          variant="secondary"
          isLoading={validate.isPending}
          onClick={() =>
            validate
              .mutateAsync()
              .then((r) => toast.success(`Validated: serving ${r.validation.chosen}`))
              .catch((e) => toast.error((e as Error).message))
          }
        >
          Validate now
        </Button>
      </div>
      <div className="flex flex-col gap-3 px-6 py-4">
        {isLoading ? (
          <Text>Loading…</Text>
        ) : !latest ? (
          <Text size="small" className="text-ui-fg-subtle">
            Not validated yet: personalized requests use the engine's default co-purchase model.
          </Text>
        ) : (
          <>
            <Text size="small">
              <strong>Served: {latest.chosen}</strong> — {latest.reason}
            </Text>
            {latest.chosen === "best_sellers" && s && <BestSellersWarning figures={s} />}
            {s && (
              <Text size="small" className="text-ui-fg-subtle">
                {s.orders} orders, {s.customers} customers, {s.products} products;{" "}
                {s.sufficient
                  ? `validated on the last ${s.validation_weeks} weeks with ${s.test_customers} customers`
                  : "too little data to validate"}
                ; finished {when(latest.finished_at)}.
              </Text>
            )}
            <CandidatesTable validation={latest} />
          </>
        )}
        {!!data?.validations.length && (
          <div className="flex flex-col gap-1">
            <Text size="small" weight="plus">
              History
            </Text>
            {data.validations.map((v) => (
              <Text key={v.id} size="small" className="text-ui-fg-subtle">
                <StatusBadge color={v.status === "succeeded" ? "green" : v.status === "failed" ? "red" : "orange"}>
                  {v.status}
                </StatusBadge>{" "}
                {when(v.started_at)} — {v.chosen ?? v.error ?? ""}
              </Text>
            ))}
          </div>
        )}
      </div>
    </>
  )
}
