import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Group sync: the background fill (`filling`, progress) and the hourly full compare (drift). */
export class Migration20261201070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment_group_sync" drop constraint if exists "segment_group_sync_status_check";`)
    this.addSql(
      `alter table if exists "segment_group_sync" add constraint "segment_group_sync_status_check" check ("status" in ('disabled', 'pending', 'filling', 'synced', 'error'));`
    )
    this.addSql(
      `alter table if exists "segment_group_sync" add column if not exists "progress_done" integer null, add column if not exists "progress_total" integer null, add column if not exists "last_full_check_at" timestamptz null, add column if not exists "drift_repaired" integer not null default 0;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`update "segment_group_sync" set "status" = 'pending' where "status" = 'filling';`)
    this.addSql(`alter table if exists "segment_group_sync" drop constraint if exists "segment_group_sync_status_check";`)
    this.addSql(
      `alter table if exists "segment_group_sync" add constraint "segment_group_sync_status_check" check ("status" in ('disabled', 'pending', 'synced', 'error'));`
    )
    this.addSql(
      `alter table if exists "segment_group_sync" drop column if exists "progress_done", drop column if exists "progress_total", drop column if exists "last_full_check_at", drop column if exists "drift_repaired";`
    )
  }
}
