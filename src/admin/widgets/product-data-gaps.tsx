import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useProductGaps } from "../hooks/data-audit"

const COLORS = { high: "red", medium: "orange", low: "blue", info: "grey" } as const

/** The data audit's product checks for this product, evaluated now. */
const ProductDataGapsWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const { data: res, isLoading, isError } = useProductGaps(data.id)
  return (
    <Container className="divide-y p-0" aria-label="Personalization data gaps">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Personalization data gaps</Heading>
        <Link to="/personalization/data-audit" className="text-ui-fg-interactive txt-compact-small">
          Data audit
        </Link>
      </div>
      <div className="flex flex-col gap-3 px-6 py-4">
        {isLoading && <Text size="small">Checking…</Text>}
        {isError && (
          <Text size="small" className="text-ui-fg-error">
            Could not load the product's gaps.
          </Text>
        )}
        {res && !res.gaps.length && (
          <Text size="small" className="text-ui-fg-subtle">
            No gaps: every product check passes.
          </Text>
        )}
        {res?.gaps.map((g) => (
          <div key={g.check_id} className="flex flex-col gap-1">
            <div className="flex items-center gap-2">
              <Badge size="2xsmall" color={COLORS[g.severity]}>
                {g.severity}
              </Badge>
              <Text size="small" weight="plus">
                {g.title}
              </Text>
            </div>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {g.remediation}
            </Text>
            {g.blocks.strategies.length > 0 && (
              <Text size="xsmall" className="text-ui-fg-muted">
                Blocks strategies: {g.blocks.strategies.join(", ")}
              </Text>
            )}
          </div>
        ))}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductDataGapsWidget
