import { AuditCheck, Blocks, blocks } from "./types"
import { productSample, productStats, ProductStats, STRATEGY_NEEDS } from "./shared"

function productFlagCheck(
  flag: keyof ProductStats & string,
  title: string,
  measured: string,
  remediation: string,
  severity: AuditCheck["severity"],
  b: Blocks
): AuditCheck {
  return {
    id: `products.${flag}`,
    title,
    area: "products",
    entity: "product",
    sample_entity: "product",
    severity,
    measured,
    remediation,
    blocks: b,
    async run(ctx) {
      const s = await productStats(ctx)
      const details = flag === "duplicate_title" ? { groups: s.duplicate_title_groups } : null
      return {
        affected: s[flag],
        total: s.total,
        sample_ids: await productSample(ctx, flag),
        details,
      }
    },
  }
}

export const productChecks: AuditCheck[] = [
  productFlagCheck(
    "no_category",
    "Products without a category",
    "Live products with no product category, out of all live products.",
    "Build a category tree and assign every product; category affinity is the most used personalization fact.",
    "high",
    blocks(["categories_purchased"], [], ["fallback_category"])
  ),
  productFlagCheck(
    "no_collection",
    "Products without a collection",
    "Live products with no collection, out of all live products.",
    "Group products into collections (themes, ranges) if merchandising rules should target them.",
    "low",
    blocks(["collections_purchased"], [], ["rule_collection"])
  ),
  productFlagCheck(
    "no_tags",
    "Products without tags",
    "Live products with no tag, out of all live products.",
    "Tag products with attributes shoppers choose by (material, occasion, style).",
    "low",
    blocks(["tags_purchased"], [], ["rule_tag"])
  ),
  productFlagCheck(
    "no_type",
    "Products without a type",
    "Live products with no product type, out of all live products.",
    "Assign product types; they feed product_type on order lines.",
    "low",
    blocks([], [], [])
  ),
  productFlagCheck(
    "no_description",
    "Products without a description",
    "Live products whose description is empty, out of all live products.",
    "Write descriptions; content-based similarity and search need text.",
    "medium",
    blocks([], [], [])
  ),
  productFlagCheck(
    "placeholder_title",
    "Products whose title is only a code",
    "Live products flagged metadata.missing_description or whose title equals one of their variant SKUs, out of all live products.",
    "Give these products a real title; a code means nothing in a recommendation widget.",
    "medium",
    blocks([], [], ["co_purchase", "fallback_store"])
  ),
  productFlagCheck(
    "no_images",
    "Products without a thumbnail or images",
    "Live products with no thumbnail and no image, out of all live products.",
    "Upload at least a thumbnail; recommendation widgets without images convert poorly.",
    "medium",
    blocks([], [], ["co_purchase", "fallback_category", "fallback_store"])
  ),
  productFlagCheck(
    "no_price",
    "Products without a variant price",
    "Live products none of whose variants has a price (outside price lists), out of all live products.",
    "Price every variant; unpriced products cannot be sold or recommended.",
    "high",
    blocks([], [], Object.keys(STRATEGY_NEEDS))
  ),
  productFlagCheck(
    "duplicate_title",
    "Products with a duplicate title",
    "Live products whose lower-cased, trimmed title is shared with another live product, out of all live products.",
    "Merge duplicates into one product with variants, or make titles distinct.",
    "low",
    blocks(["products_purchased"], [], ["co_purchase"])
  ),
  productFlagCheck(
    "never_sold",
    "Products never sold",
    "Live products with no line in a non-canceled order, out of all live products.",
    "Expected for new products: co-purchase cannot recommend them; use category or rule-based placement.",
    "info",
    blocks([], [], ["co_purchase", "fallback_store"])
  ),
  {
    id: "products.unusable_by_strategies",
    title: "Products no recommendation strategy can use",
    area: "products",
    entity: "product",
    sample_entity: "product",
    severity: "high",
    measured:
      "Live products every strategy must skip, other than those flagged metadata.non_product (postage, fees): unpublished or outside every sales channel, or lacking what each needs (co_purchase and fallback_store: sales; fallback_category: a category; rule_collection: a collection; rule_tag: a tag). Details: products each strategy cannot use.",
    remediation: "Publish, assign a sales channel, and give these products a category, collection or tag.",
    blocks: blocks([], [], Object.keys(STRATEGY_NEEDS)),
    async run(ctx) {
      const s = await productStats(ctx)
      const by_strategy: Record<string, number> = {}
      for (const strategy of Object.keys(STRATEGY_NEEDS)) {
        by_strategy[strategy] = s[`unusable_${strategy}` as keyof ProductStats]
      }
      return {
        affected: s.unusable_all,
        total: s.total,
        sample_ids: await productSample(ctx, "unusable_all"),
        details: { by_strategy },
      }
    },
  },
]
