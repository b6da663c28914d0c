import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201120435 extends Migration {

  override async up(): Promise<void> {
    // Paired-product counts of each co-purchase pass (the data audit's products.unpaired): null on
    // passes recorded before; the next nightly pass (full or incremental) fills them.
    this.addSql(`alter table if exists "recommendation_affinity_pass" add column if not exists "products" integer null, add column if not exists "paired_products" integer null, add column if not exists "min_support" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_affinity_pass" drop column if exists "products", drop column if exists "paired_products", drop column if exists "min_support";`);
  }

}
