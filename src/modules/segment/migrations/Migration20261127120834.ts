import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127120834 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment_version" drop constraint if exists "segment_version_segment_id_version_unique";`);
    this.addSql(`alter table if exists "segment_membership" drop constraint if exists "segment_membership_segment_id_customer_id_unique";`);
    this.addSql(`create table if not exists "segment_membership" ("id" text not null, "segment_id" text not null, "customer_id" text not null, "entered_at" timestamptz not null, "exited_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "segment_membership_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_membership_deleted_at" ON "segment_membership" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_segment_membership_segment_id_customer_id_unique" ON "segment_membership" ("segment_id", "customer_id") WHERE exited_at IS NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_membership_customer_id" ON "segment_membership" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_membership_segment_id_exited_at" ON "segment_membership" ("segment_id", "exited_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "segment_version" ("id" text not null, "segment_id" text not null, "version" integer not null, "actor_id" text null, "definition" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "segment_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_version_deleted_at" ON "segment_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_segment_version_segment_id_version_unique" ON "segment_version" ("segment_id", "version") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "segment" add column if not exists "include_guest_orders" boolean not null default false, add column if not exists "version" integer not null default 1, add column if not exists "member_count" integer not null default 0, add column if not exists "last_evaluated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment_membership" cascade;`);

    this.addSql(`drop table if exists "segment_version" cascade;`);

    this.addSql(`alter table if exists "segment" drop column if exists "include_guest_orders", drop column if exists "version", drop column if exists "member_count", drop column if exists "last_evaluated_at";`);
  }

}
