import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127135928 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_segment_order_fact_currency_code_customer_id_ordered_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_order_fact_currency_code_customer_id_ordered_at_canceled_item_total" ON "segment_order_fact" ("currency_code", "customer_id", "ordered_at", "canceled", "item_total") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_segment_order_fact_currency_code_customer_id_ordered_at_canceled_item_total";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_order_fact_currency_code_customer_id_ordered_at" ON "segment_order_fact" ("currency_code", "customer_id", "ordered_at") WHERE deleted_at IS NULL;`);
  }

}
