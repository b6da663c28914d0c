import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201120000 extends Migration {

  override async up(): Promise<void> {
    // Each customer's counted history and the log of co-purchase passes: the nightly job recounts
    // only customers whose orders changed. Empty until the first full rebuild (the nightly job runs
    // one when no full pass is recorded).
    this.addSql(`create table if not exists "recommendation_affinity_pass" ("id" text not null, "kind" text check ("kind" in ('full', 'incremental')) not null, "history_cap" integer not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "customers" integer not null default 0, "changed" integer not null default 0, "rows" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_affinity_pass_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_affinity_pass_deleted_at" ON "recommendation_affinity_pass" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_affinity_pass_kind_started_at" ON "recommendation_affinity_pass" ("kind", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_customer_history" ("id" text not null, "customer_id" text not null, "product_id" text not null, "first_purchased_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_customer_history_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_customer_history_deleted_at" ON "recommendation_customer_history" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_customer_history_customer_product" ON "recommendation_customer_history" ("customer_id", "product_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_affinity_pass" cascade;`);

    this.addSql(`drop table if exists "recommendation_customer_history" cascade;`);
  }

}
