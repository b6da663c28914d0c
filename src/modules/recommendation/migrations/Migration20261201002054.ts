import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * recommendation_rule.objective_id becomes the one source of truth for a rule's objective: the
 * objective -> rules link is now read-only over this column (indexed here). A rule linked through
 * the old many-to-many link table and with no objective_id takes its (earliest) linked objective;
 * a rule that already names an objective keeps it (the engine always applied that one). The old
 * link table is then dropped and untracked, so `medusa db:migrate` has no removed link to ask about
 * (its "Select the tables to DELETE" prompt would hang a non-interactive run).
 */
export class Migration20261201002054 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_rule_objective_id" ON "recommendation_rule" ("objective_id") WHERE deleted_at IS NULL;`);
    this.addSql(`DO $$
BEGIN
  IF to_regclass('objective_objective_recommendation_recommendation_rule') IS NOT NULL THEN
    EXECUTE 'UPDATE recommendation_rule r SET objective_id = l.objective_id
      FROM (SELECT DISTINCT ON (recommendation_rule_id) recommendation_rule_id, objective_id
            FROM objective_objective_recommendation_recommendation_rule
            WHERE deleted_at IS NULL
            ORDER BY recommendation_rule_id, created_at, objective_id) l
      WHERE r.id = l.recommendation_rule_id AND r.objective_id IS NULL';
    DROP TABLE objective_objective_recommendation_recommendation_rule;
  END IF;
  IF to_regclass('link_module_migrations') IS NOT NULL THEN
    DELETE FROM link_module_migrations WHERE table_name = 'objective_objective_recommendation_recommendation_rule';
  END IF;
END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_recommendation_rule_objective_id";`);
  }

}
