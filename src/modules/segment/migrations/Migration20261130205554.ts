import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130205554 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "segment" add column if not exists "last_error" text null, add column if not exists "last_error_at" timestamptz null, add column if not exists "error_count" integer not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "segment" drop column if exists "last_error", drop column if exists "last_error_at", drop column if exists "error_count";`);
  }

}
