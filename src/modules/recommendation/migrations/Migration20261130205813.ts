import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130205813 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_event" drop constraint if exists "recommendation_event_recommendation_id_product_id_type_unique";`);
    this.addSql(`create table if not exists "recommendation_serve" ("id" text not null, "customer_id" text null, "cart_id" text null, "placement" text not null, "product_ids" text[] not null, "objective_id" text null, "experiment_group" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_serve_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_serve_deleted_at" ON "recommendation_serve" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_serve_created_at" ON "recommendation_serve" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`drop index if exists "IDX_recommendation_event_recommendation_id";`);

    this.addSql(`alter table if exists "recommendation_event" add column if not exists "visitor_key" text null;`);
    // events recorded twice before duplicates were ignored: keep the first of each
    this.addSql(`delete from "recommendation_event" e using "recommendation_event" d where e.recommendation_id = d.recommendation_id and e.product_id = d.product_id and e.type = d.type and e.deleted_at is null and d.deleted_at is null and (d.created_at, d.id) < (e.created_at, e.id);`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_event_recommendation_id_product_id_type_unique" ON "recommendation_event" ("recommendation_id", "product_id", "type") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_visitor_key_created_at" ON "recommendation_event" ("visitor_key", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_serve" cascade;`);

    this.addSql(`drop index if exists "IDX_recommendation_event_recommendation_id_product_id_type_unique";`);
    this.addSql(`drop index if exists "IDX_recommendation_event_visitor_key_created_at";`);
    this.addSql(`alter table if exists "recommendation_event" drop column if exists "visitor_key";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_event_recommendation_id" ON "recommendation_event" ("recommendation_id") WHERE deleted_at IS NULL;`);
  }

}
