import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127154725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_product_id_weight";`);
    // Covering index for the neighbour read (not expressible in DML): in the query's exact order,
    // with the counts it returns, so it is an index-only scan that stops at the LIMIT.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_neighbors" ON "product_affinity" ("product_id", "weight" DESC, "related_product_id") INCLUDE ("customer_count", "later_count") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_neighbors";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_product_id_weight" ON "product_affinity" ("product_id", "weight") WHERE deleted_at IS NULL;`);
  }

}
