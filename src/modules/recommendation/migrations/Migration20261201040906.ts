import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201040906 extends Migration {

  override async up(): Promise<void> {
    // The rules that acted on each served list: a rule's impressions are its serves' impression
    // events. (The snapshot also catches up product_affinity.weighted_count, added by 20261201030000.)
    this.addSql(`alter table if exists "recommendation_serve" add column if not exists "rule_ids" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_serve" drop column if exists "rule_ids";`);
  }

}
