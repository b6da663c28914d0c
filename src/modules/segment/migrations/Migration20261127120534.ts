import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127120534 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment" drop constraint if exists "segment_handle_unique";`);
    this.addSql(`create table if not exists "segment" ("id" text not null, "name" text not null, "handle" text not null, "description" text null, "status" text check ("status" in ('draft', 'active', 'archived')) not null default 'draft', "priority" integer not null default 0, "exclusive" boolean not null default false, "currency_code" text not null default 'gbp', "owner_id" text null, "rules" jsonb null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "segment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_deleted_at" ON "segment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_segment_handle_unique" ON "segment" ("handle") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment" cascade;`);
  }

}
