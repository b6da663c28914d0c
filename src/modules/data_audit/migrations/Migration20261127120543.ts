import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127120543 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "audit_run" ("id" text not null, "status" text check ("status" in ('pending', 'running', 'completed', 'failed')) not null default 'pending', "started_at" timestamptz null, "finished_at" timestamptz null, "score" integer null, "summary" jsonb null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "audit_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_run_deleted_at" ON "audit_run" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_run" cascade;`);
  }

}
