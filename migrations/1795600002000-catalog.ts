import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `catalog` (SPEC §6): product categories (a tree), products, their price ladders per currency
 * (product_prices + price_tiers), subscription durations and tax rates. Tenant tables reference each
 * other with composite foreign keys (company_id, x_id) -> parent(company_id, id).
 *
 * Written by hand (the ORM cannot describe them; the entities declare them `synchronize: false`):
 * the case-insensitive partial uniques on lower(sku) / lower(name), the NULLS NOT DISTINCT unique of
 * sibling category names, the trigram index of the product search and the GIN index of attributes.
 * The EXCLUDE constraint on price bands needs btree_gist (uuid equality inside a GiST index).
 */
export class Catalog1795600002000 implements MigrationInterface {
  name = 'Catalog1795600002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "catalog"`);
    // Both are trusted extensions (PostgreSQL 13+): the database owner may create them.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
            CREATE TABLE "catalog"."product_categories" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "name" text NOT NULL,
                "parent_id" uuid,
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "ck_product_categories_not_own_parent" CHECK (
                    "parent_id" IS DISTINCT
                    FROM "id"
                ),
                CONSTRAINT "ck_product_categories_position" CHECK (
                    "position" BETWEEN 0 AND 1000000
                ),
                CONSTRAINT "ck_product_categories_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 100
                ),
                CONSTRAINT "pk_product_categories" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_categories_company_id_parent_id" ON "catalog"."product_categories" ("company_id", "parent_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_product_categories_company_id_id" ON "catalog"."product_categories" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "catalog"."durations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "name" text NOT NULL,
                "months" integer NOT NULL,
                "discount_percent" numeric(5, 2) NOT NULL DEFAULT '0',
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "ck_durations_discount_percent" CHECK (
                    "discount_percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "ck_durations_months" CHECK (
                    "months" BETWEEN 1 AND 120
                ),
                CONSTRAINT "ck_durations_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 50
                ),
                CONSTRAINT "pk_durations" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_durations_company_id_months" ON "catalog"."durations" ("company_id", "months")
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_durations_company_id_id" ON "catalog"."durations" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "catalog"."price_tiers" (
                "product_price_id" uuid NOT NULL,
                "min_qty" integer NOT NULL,
                "company_id" uuid NOT NULL,
                "max_qty" integer,
                "unit_price" numeric(19, 4) NOT NULL,
                CONSTRAINT "ck_price_tiers_unit_price" CHECK ("unit_price" >= 0),
                CONSTRAINT "ck_price_tiers_max_qty" CHECK (
                    "max_qty" IS NULL
                    OR "max_qty" >= "min_qty"
                ),
                CONSTRAINT "ck_price_tiers_min_qty" CHECK ("min_qty" >= 1),
                CONSTRAINT "xc_price_tiers_no_overlap" EXCLUDE USING gist (
                    "product_price_id" WITH =,
                    int4range("min_qty", "max_qty", '[]') WITH &&
                ),
                CONSTRAINT "pk_price_tiers" PRIMARY KEY ("product_price_id", "min_qty")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "catalog"."product_prices" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "tier_mode" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                CONSTRAINT "ck_product_prices_tier_mode" CHECK ("tier_mode" IN ('graduated', 'volume')),
                CONSTRAINT "pk_product_prices" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_product_prices_company_id_product_id_currency" ON "catalog"."product_prices" ("company_id", "product_id", "currency")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_product_prices_company_id_id" ON "catalog"."product_prices" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "catalog"."products" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "type" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "category_id" uuid,
                "tax_rate_id" uuid,
                "unit" text NOT NULL DEFAULT 'each',
                "first_used_at" TIMESTAMP(3) WITH TIME ZONE,
                "attributes" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "ck_products_status" CHECK ("status" IN ('active', 'archived')),
                CONSTRAINT "ck_products_type" CHECK ("type" IN ('good', 'service', 'subscription')),
                CONSTRAINT "ck_products_unit_length" CHECK (
                    char_length("unit") BETWEEN 1 AND 20
                ),
                CONSTRAINT "ck_products_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 200
                ),
                CONSTRAINT "ck_products_sku_format" CHECK ("sku" ~ '^[A-Za-z0-9._-]{1,64}$'),
                CONSTRAINT "pk_products" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_products_company_id_tax_rate_id" ON "catalog"."products" ("company_id", "tax_rate_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_products_company_id_category_id" ON "catalog"."products" ("company_id", "category_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_products_company_id_created_at_id" ON "catalog"."products" ("company_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_products_company_id_status_name_id" ON "catalog"."products" ("company_id", "status", "name", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_products_company_id_id" ON "catalog"."products" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "catalog"."tax_rates" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "name" text NOT NULL,
                "rate_percent" numeric(6, 3) NOT NULL,
                "inclusive" boolean NOT NULL DEFAULT false,
                "is_default" boolean NOT NULL DEFAULT false,
                CONSTRAINT "ck_tax_rates_rate_percent" CHECK (
                    "rate_percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "ck_tax_rates_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 50
                ),
                CONSTRAINT "pk_tax_rates" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tax_rates_company_id_default" ON "catalog"."tax_rates" ("company_id")
            WHERE is_default
                AND deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tax_rates_company_id_id" ON "catalog"."tax_rates" ("company_id", "id")
        `);
    // Sibling names are unique ignoring case; NULLS NOT DISTINCT makes it hold among roots too.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_product_categories_company_id_parent_id_lower_name"
            ON "catalog"."product_categories" ("company_id", "parent_id", lower("name")) NULLS NOT DISTINCT
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_products_company_id_lower_sku" ON "catalog"."products" ("company_id", lower("sku"))
            WHERE deleted_at IS NULL
        `);
    // The case-insensitive substring search `q` (ILIKE '%…%') on name and sku.
    await queryRunner.query(`
            CREATE INDEX "ix_products_name_sku_trgm" ON "catalog"."products"
            USING gin ("name" gin_trgm_ops, "sku" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_products_attributes" ON "catalog"."products" USING gin ("attributes" jsonb_path_ops)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tax_rates_company_id_lower_name" ON "catalog"."tax_rates" ("company_id", lower("name"))
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_categories"
            ADD CONSTRAINT "fk_product_categories_company_id_parent_id" FOREIGN KEY ("company_id", "parent_id") REFERENCES "catalog"."product_categories"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_categories"
            ADD CONSTRAINT "fk_product_categories_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."durations"
            ADD CONSTRAINT "fk_durations_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."price_tiers"
            ADD CONSTRAINT "fk_price_tiers_company_id_product_price_id" FOREIGN KEY ("company_id", "product_price_id") REFERENCES "catalog"."product_prices"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."price_tiers"
            ADD CONSTRAINT "fk_price_tiers_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices"
            ADD CONSTRAINT "fk_product_prices_currency" FOREIGN KEY ("currency") REFERENCES "ref"."currencies"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices"
            ADD CONSTRAINT "fk_product_prices_company_id_product_id" FOREIGN KEY ("company_id", "product_id") REFERENCES "catalog"."products"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices"
            ADD CONSTRAINT "fk_product_prices_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products"
            ADD CONSTRAINT "fk_products_company_id_tax_rate_id" FOREIGN KEY ("company_id", "tax_rate_id") REFERENCES "catalog"."tax_rates"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products"
            ADD CONSTRAINT "fk_products_company_id_category_id" FOREIGN KEY ("company_id", "category_id") REFERENCES "catalog"."product_categories"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products"
            ADD CONSTRAINT "fk_products_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."tax_rates"
            ADD CONSTRAINT "fk_tax_rates_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."uq_tax_rates_company_id_lower_name"`);
    await queryRunner.query(`DROP INDEX "catalog"."ix_products_attributes"`);
    await queryRunner.query(`DROP INDEX "catalog"."ix_products_name_sku_trgm"`);
    await queryRunner.query(`DROP INDEX "catalog"."uq_products_company_id_lower_sku"`);
    await queryRunner.query(`DROP INDEX "catalog"."uq_product_categories_company_id_parent_id_lower_name"`);
    await queryRunner.query(`
            ALTER TABLE "catalog"."tax_rates" DROP CONSTRAINT "fk_tax_rates_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products" DROP CONSTRAINT "fk_products_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products" DROP CONSTRAINT "fk_products_company_id_category_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."products" DROP CONSTRAINT "fk_products_company_id_tax_rate_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices" DROP CONSTRAINT "fk_product_prices_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices" DROP CONSTRAINT "fk_product_prices_company_id_product_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_prices" DROP CONSTRAINT "fk_product_prices_currency"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."price_tiers" DROP CONSTRAINT "fk_price_tiers_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."price_tiers" DROP CONSTRAINT "fk_price_tiers_company_id_product_price_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."durations" DROP CONSTRAINT "fk_durations_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_categories" DROP CONSTRAINT "fk_product_categories_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog"."product_categories" DROP CONSTRAINT "fk_product_categories_company_id_parent_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_tax_rates_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_tax_rates_company_id_default"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."tax_rates"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_products_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."ix_products_company_id_status_name_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."ix_products_company_id_created_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."ix_products_company_id_category_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."ix_products_company_id_tax_rate_id"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."products"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_product_prices_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_product_prices_company_id_product_id_currency"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."product_prices"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."price_tiers"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_durations_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_durations_company_id_months"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."durations"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."uq_product_categories_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "catalog"."ix_product_categories_company_id_parent_id"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog"."product_categories"
        `);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "catalog"`);
  }
}
