import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127121239 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "audit_finding" ("id" text not null, "check_id" text not null, "title" text not null, "area" text check ("area" in ('customers', 'orders', 'products', 'coverage', 'readiness')) not null, "entity" text not null, "severity" text check ("severity" in ('info', 'low', 'medium', 'high')) not null, "subject_id" text null, "subject_label" text null, "affected" integer not null, "total" integer not null, "share" real not null, "sample_ids" jsonb not null, "blocks" jsonb not null, "details" jsonb null, "run_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "audit_finding_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_finding_run_id" ON "audit_finding" ("run_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_finding_deleted_at" ON "audit_finding" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_audit_finding_check_id_created_at" ON "audit_finding" ("check_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "audit_finding" add constraint "audit_finding_run_id_foreign" foreign key ("run_id") references "audit_run" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "audit_run" add column if not exists "trigger" text check ("trigger" in ('admin', 'job', 'cli', 'api')) not null default 'api', add column if not exists "area_scores" jsonb null, add column if not exists "checks_total" integer not null default 0, add column if not exists "checks_done" integer not null default 0, add column if not exists "current_check" text null, add column if not exists "options" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_finding" cascade;`);

    this.addSql(`alter table if exists "audit_run" drop column if exists "trigger", drop column if exists "area_scores", drop column if exists "checks_total", drop column if exists "checks_done", drop column if exists "current_check", drop column if exists "options";`);
  }

}
