import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201025842 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "plan_review" drop constraint if exists "plan_review_entity_type_entity_id_unique";`);
    this.addSql(`create table if not exists "data_source" ("id" text not null, "name" text not null, "kind" text check ("kind" in ('pos', 'crm', 'email', 'erp', 'other')) not null default 'other', "owner" text null, "description" text null, "holds" jsonb not null, "sync_method" text check ("sync_method" in ('none', 'manual', 'batch', 'api', 'webhook')) not null default 'none', "sync_interval_hours" integer null, "reaches_medusa" boolean not null default false, "last_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "data_source_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_data_source_deleted_at" ON "data_source" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "plan_review" ("id" text not null, "entity_type" text check ("entity_type" in ('objective', 'segment')) not null, "entity_id" text not null, "review_by" timestamptz not null, "last_reviewed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "plan_review_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_plan_review_deleted_at" ON "plan_review" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_plan_review_entity_type_entity_id_unique" ON "plan_review" ("entity_type", "entity_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "requirement" ("id" text not null, "role" text check ("role" in ('marketing', 'merchandising', 'technology', 'analytics')) not null, "statement" text not null, "acceptance_criterion" text not null, "priority" text check ("priority" in ('must', 'should', 'could')) not null default 'should', "owner" text null, "objective_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "requirement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_requirement_deleted_at" ON "requirement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_requirement_objective_id" ON "requirement" ("objective_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "requirement_link" ("id" text not null, "target_type" text check ("target_type" in ('segment', 'recommendation_rule', 'data_source')) not null, "target_id" text not null, "requirement_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "requirement_link_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_requirement_link_requirement_id" ON "requirement_link" ("requirement_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_requirement_link_deleted_at" ON "requirement_link" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_requirement_link_target_type_target_id" ON "requirement_link" ("target_type", "target_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "requirement_link" add constraint "requirement_link_requirement_id_foreign" foreign key ("requirement_id") references "requirement" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "requirement_link" drop constraint if exists "requirement_link_requirement_id_foreign";`);

    this.addSql(`drop table if exists "data_source" cascade;`);

    this.addSql(`drop table if exists "plan_review" cascade;`);

    this.addSql(`drop table if exists "requirement" cascade;`);

    this.addSql(`drop table if exists "requirement_link" cascade;`);
  }

}
