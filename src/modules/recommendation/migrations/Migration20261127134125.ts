import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127134125 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_customer_count" ON "product_affinity" ("customer_count") WHERE product_id = related_product_id AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_product_affinity_customer_count";`);
  }

}
