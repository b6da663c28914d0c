import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { DetailWidgetProps, AdminProduct } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useFrequentlyBought } from "../hooks/recommendations"

/** Product detail: products most often bought by the same customers (co-purchase counts). */
const FrequentlyBoughtTogetherWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isLoading, isError } = useFrequentlyBought(product.id)
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Frequently bought together</Heading>
        {data && (
          <Text size="small" className="text-ui-fg-subtle">
            {data.buyers} customers bought this product
          </Text>
        )}
      </div>
      <div className="px-6 py-4">
        {isLoading && <Text size="small">Loading…</Text>}
        {isError && <Text size="small">Could not load co-purchases.</Text>}
        {data && !data.items.length && (
          <Text size="small" className="text-ui-fg-subtle">
            No product was bought with this one by at least two customers yet.
          </Text>
        )}
        <ul className="flex flex-col gap-2">
          {data?.items.map((i) => (
            <li key={i.product_id} className="flex items-center justify-between">
              <Link to={`/products/${i.product_id}`} className="txt-compact-small hover:underline">
                {i.product?.title ?? i.product_id}
              </Link>
              <div className="flex items-center gap-2">
                {i.product && i.product.status !== "published" && <Badge size="2xsmall">{i.product.status}</Badge>}
                <Text size="small" className="text-ui-fg-subtle">
                  {i.customers} customers
                </Text>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default FrequentlyBoughtTogetherWidget
