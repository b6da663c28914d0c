import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201030000 extends Migration {

  override async up(): Promise<void> {
    // RP3beta's customer-degree-weighted pair counts: 0 until the next rebuild fills them (the
    // nightly rebuild at 03:30 runs before the validation at 04:00; run one after upgrading).
    this.addSql(`alter table if exists "product_affinity" add column if not exists "weighted_count" real not null default 0;`);
    // The neighbour read returns weighted_count too: keep it an index-only scan.
    this.addSql(`drop index if exists "IDX_product_affinity_neighbors";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_neighbors" ON "product_affinity" ("product_id", "weight" DESC, "related_product_id") INCLUDE ("customer_count", "later_count", "weighted_count") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_neighbors";`);
    this.addSql(`alter table if exists "product_affinity" drop column if exists "weighted_count";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_neighbors" ON "product_affinity" ("product_id", "weight" DESC, "related_product_id") INCLUDE ("customer_count", "later_count") WHERE deleted_at IS NULL;`);
  }

}
