import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127151404 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_product_id_customer_count";`);

    this.addSql(`alter table if exists "product_affinity" add column if not exists "later_count" integer not null default 0, add column if not exists "weight" integer not null default 0;`);
    // Existing counts keep their ranking until the next rebuild fills later_count.
    this.addSql(`update "product_affinity" set "weight" = "customer_count" + "later_count";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_product_id_weight" ON "product_affinity" ("product_id", "weight") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_product_id_weight";`);
    this.addSql(`alter table if exists "product_affinity" drop column if exists "later_count", drop column if exists "weight";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_product_id_customer_count" ON "product_affinity" ("product_id", "customer_count") WHERE deleted_at IS NULL;`);
  }

}
