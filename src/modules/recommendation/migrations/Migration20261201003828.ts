import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201003828 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "recommendation_validation" ("id" text not null, "status" text check ("status" in ('running', 'succeeded', 'failed')) not null default 'running', "trigger" text check ("trigger" in ('job', 'admin', 'cli', 'api')) not null default 'api', "chosen" text null, "params" jsonb null, "candidates" jsonb null, "sufficiency" jsonb null, "reason" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_validation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_validation_deleted_at" ON "recommendation_validation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_validation_status_finished_at" ON "recommendation_validation" ("status", "finished_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_validation" cascade;`);
  }

}
