import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127121007 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "decision_log" ("id" text not null, "entity_type" text not null, "entity_id" text not null, "action" text not null, "actor_id" text null, "reason" text null, "diff" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "decision_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_decision_log_deleted_at" ON "decision_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_decision_log_entity_type_entity_id" ON "decision_log" ("entity_type", "entity_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "objective_snapshot" ("id" text not null, "objective_id" text not null, "group" text check ("group" in ('treatment', 'holdout')) not null, "segment_id" text null, "metric" text not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "n" integer not null, "value" real not null, "std_error" real not null, "successes" integer null, "sums" jsonb null, "source" text not null default 'on_demand', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "objective_snapshot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_objective_snapshot_objective_id" ON "objective_snapshot" ("objective_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_objective_snapshot_deleted_at" ON "objective_snapshot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_objective_snapshot_objective_id_period_end" ON "objective_snapshot" ("objective_id", "period_end") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "objective_snapshot" add constraint "objective_snapshot_objective_id_foreign" foreign key ("objective_id") references "objective" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "objective" add column if not exists "metric_window_days" integer null, add column if not exists "currency_code" text not null default 'gbp', add column if not exists "baseline_n" integer null, add column if not exists "baseline_window_start" timestamptz null, add column if not exists "baseline_window_end" timestamptz null, add column if not exists "baseline_computed_at" timestamptz null, add column if not exists "started_at" timestamptz null, add column if not exists "plan" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "decision_log" cascade;`);

    this.addSql(`drop table if exists "objective_snapshot" cascade;`);

    this.addSql(`alter table if exists "objective" drop column if exists "metric_window_days", drop column if exists "currency_code", drop column if exists "baseline_n", drop column if exists "baseline_window_start", drop column if exists "baseline_window_end", drop column if exists "baseline_computed_at", drop column if exists "started_at", drop column if exists "plan";`);
  }

}
