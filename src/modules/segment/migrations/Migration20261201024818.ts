import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201024818 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment_group_sync" drop constraint if exists "segment_group_sync_segment_id_unique";`);
    this.addSql(`create table if not exists "segment_group_sync" ("id" text not null, "segment_id" text not null, "customer_group_id" text null, "enabled" boolean not null default false, "status" text check ("status" in ('disabled', 'pending', 'synced', 'error')) not null default 'disabled', "last_synced_at" timestamptz null, "last_error" text null, "group_member_count" integer null, "last_added" integer not null default 0, "last_removed" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "segment_group_sync_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_group_sync_deleted_at" ON "segment_group_sync" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_segment_group_sync_segment_id_unique" ON "segment_group_sync" ("segment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_segment_group_sync_customer_group_id" ON "segment_group_sync" ("customer_group_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment_group_sync" cascade;`);
  }

}
