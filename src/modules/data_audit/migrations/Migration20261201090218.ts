import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** The audit read model: per-order line aggregates and per (order, product) line counts. */
export class Migration20261201090218 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "audit_order_line_summary" drop constraint if exists "audit_order_line_summary_order_id_unique";`)
    this.addSql(`create table if not exists "audit_order_line_summary" ("id" text not null, "order_id" text not null, "order_version" integer not null, "order_updated_at" timestamptz not null, "customer_id" text null, "currency_code" text not null, "ordered_at" timestamptz not null, "canceled" boolean not null default false, "lines" integer not null default 0, "non_positive_price_lines" integer not null default 0, "no_product_id_lines" integer not null default 0, "non_product_code_lines" integer not null default 0, "missing_description_lines" integer not null default 0, "revenue" numeric not null, "raw_revenue" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "audit_order_line_summary_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_order_line_summary_deleted_at" ON "audit_order_line_summary" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_audit_order_line_summary_order_id_unique" ON "audit_order_line_summary" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`create table if not exists "audit_order_product_line" ("id" text not null, "order_id" text not null, "product_id" text not null, "customer_id" text null, "day" integer not null, "canceled" boolean not null default false, "lines" integer not null, "non_code_lines" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "audit_order_product_line_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_order_product_line_deleted_at" ON "audit_order_product_line" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_order_product_line_order_id" ON "audit_order_product_line" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_order_product_line_product_id_customer_id_day" ON "audit_order_product_line" ("product_id", "customer_id", "day") WHERE deleted_at IS NULL AND canceled = false;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_order_line_summary" cascade;`)
    this.addSql(`drop table if exists "audit_order_product_line" cascade;`)
  }
}
