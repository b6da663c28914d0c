import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127122326 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_processed_order" drop constraint if exists "recommendation_processed_order_order_id_unique";`);
    this.addSql(`alter table if exists "product_affinity" drop constraint if exists "product_affinity_product_id_related_product_id_unique";`);
    this.addSql(`create table if not exists "product_affinity" ("id" text not null, "product_id" text not null, "related_product_id" text not null, "customer_count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "product_affinity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_deleted_at" ON "product_affinity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_product_affinity_product_id_related_product_id_unique" ON "product_affinity" ("product_id", "related_product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_product_affinity_product_id_customer_count" ON "product_affinity" ("product_id", "customer_count") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_event" ("id" text not null, "type" text check ("type" in ('impression', 'click')) not null, "recommendation_id" text not null, "product_id" text not null, "placement" text null, "customer_id" text null, "cart_id" text null, "objective_id" text null, "experiment_group" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_deleted_at" ON "recommendation_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_recommendation_id" ON "recommendation_event" ("recommendation_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_customer_id" ON "recommendation_event" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_objective_id_type" ON "recommendation_event" ("objective_id", "type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_processed_order" ("id" text not null, "order_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_processed_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_processed_order_deleted_at" ON "recommendation_processed_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_processed_order_order_id_unique" ON "recommendation_processed_order" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "product_affinity" cascade;`);

    this.addSql(`drop table if exists "recommendation_event" cascade;`);

    this.addSql(`drop table if exists "recommendation_processed_order" cascade;`);
  }

}
