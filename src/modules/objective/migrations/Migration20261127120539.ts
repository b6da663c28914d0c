import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127120539 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "objective" ("id" text not null, "name" text not null, "business_outcome" text null, "metric" text check ("metric" in ('conversion_rate', 'average_order_value', 'repeat_purchase_rate', 'revenue_per_customer', 'customer_lifetime_value')) not null default 'average_order_value', "direction" text check ("direction" in ('increase', 'decrease')) not null default 'increase', "baseline" numeric null, "target" numeric null, "holdout_share" real not null default 0.05, "status" text check ("status" in ('draft', 'active', 'achieved', 'abandoned')) not null default 'draft', "owner_id" text null, "rationale" text null, "deadline" timestamptz null, "metadata" jsonb null, "raw_baseline" jsonb null, "raw_target" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "objective_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_objective_deleted_at" ON "objective" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "objective" cascade;`);
  }

}
