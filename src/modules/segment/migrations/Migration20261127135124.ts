import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127135124 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment_order_fact" drop constraint if exists "segment_order_fact_order_id_unique";`);
    this.addSql(`create table if not exists "segment_order_fact" ("id" text not null, "order_id" text not null, "customer_id" text null, "email" text null, "currency_code" text not null, "ordered_at" timestamptz not null, "item_total" numeric not null, "canceled" boolean not null default false, "raw_item_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "segment_order_fact_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_order_fact_deleted_at" ON "segment_order_fact" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_segment_order_fact_order_id_unique" ON "segment_order_fact" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_order_fact_currency_code_customer_id_ordered_at" ON "segment_order_fact" ("currency_code", "customer_id", "ordered_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_order_fact_email" ON "segment_order_fact" ("email") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment_order_fact" cascade;`);
  }

}
