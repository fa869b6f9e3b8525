import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `companies` (SPEC §3): the tenant table `companies` and its 1:1 `company_billing_details`.
 * Memberships and invitations come in 1795500003000-memberships (they reference access.roles, which is
 * created in between).
 */

export class Companies1795500001000 implements MigrationInterface {
  name = 'Companies1795500001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "companies"`);
    await queryRunner.query(`
            CREATE TABLE "companies"."company_billing_details" (
                "company_id" uuid NOT NULL,
                "legal_name" text,
                "trading_name" text,
                "tax_id" text,
                "tax_id_kind" text,
                "tax_registered" boolean NOT NULL DEFAULT false,
                "line1" text,
                "line2" text,
                "city" text,
                "region" text,
                "postal_code" text,
                "country_code" character(2),
                "billing_email" text,
                "phone" text,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "ck_company_billing_details_tax_id_kind" CHECK (
                    "tax_id_kind" IN ('abn', 'acn', 'vat', 'ein', 'other')
                ),
                CONSTRAINT "pk_company_billing_details" PRIMARY KEY ("company_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "companies"."companies" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "name" text NOT NULL,
                "slug" text NOT NULL,
                "country_code" character(2) NOT NULL,
                "default_currency" character(3) NOT NULL,
                "timezone" text NOT NULL,
                "locale" text NOT NULL DEFAULT 'en',
                CONSTRAINT "ck_companies_slug_format" CHECK ("slug" ~ '^[a-z0-9-]{3,50}$'),
                CONSTRAINT "ck_companies_name_length" CHECK (
                    char_length("name") BETWEEN 2 AND 120
                ),
                CONSTRAINT "pk_companies" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_companies_slug" ON "companies"."companies" ("slug")
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."company_billing_details"
            ADD CONSTRAINT "fk_company_billing_details_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."company_billing_details"
            ADD CONSTRAINT "fk_company_billing_details_country_code" FOREIGN KEY ("country_code") REFERENCES "ref"."countries"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."companies"
            ADD CONSTRAINT "fk_companies_country_code" FOREIGN KEY ("country_code") REFERENCES "ref"."countries"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."companies"
            ADD CONSTRAINT "fk_companies_default_currency" FOREIGN KEY ("default_currency") REFERENCES "ref"."currencies"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "companies"."companies" DROP CONSTRAINT "fk_companies_default_currency"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."companies" DROP CONSTRAINT "fk_companies_country_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."company_billing_details" DROP CONSTRAINT "fk_company_billing_details_country_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."company_billing_details" DROP CONSTRAINT "fk_company_billing_details_company_id"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."uq_companies_slug"
        `);
    await queryRunner.query(`
            DROP TABLE "companies"."companies"
        `);
    await queryRunner.query(`
            DROP TABLE "companies"."company_billing_details"
        `);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "companies"`);
  }
}
