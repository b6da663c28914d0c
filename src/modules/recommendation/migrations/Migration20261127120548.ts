import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127120548 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "recommendation_rule" ("id" text not null, "name" text not null, "action" text check ("action" in ('boost', 'bury', 'pin', 'exclude')) not null default 'boost', "target_type" text check ("target_type" in ('product', 'category', 'collection', 'tag')) not null default 'product', "target_id" text not null, "weight" real not null default 1, "segment_id" text null, "objective_id" text null, "version" integer not null default 1, "status" text check ("status" in ('draft', 'active', 'archived')) not null default 'draft', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_rule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_rule_deleted_at" ON "recommendation_rule" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_rule" cascade;`);
  }

}
