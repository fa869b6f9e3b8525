import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `customers` (SPEC §5): customers, their contact points, addresses and channel identities, the
 * company's tag catalogue and the customer-tag links. Every child row points at its customer with a
 * composite foreign key (company_id, customer_id), so no row can reach into another company.
 *
 * Written by hand (TypeORM cannot describe them; the entities mark them `synchronize: false`):
 * - trigram GIN indexes on display_name, email and phone for the case-insensitive substring `q`
 *   (`ILIKE '%…%'`); email is citext, indexed (and queried) as `email::text`;
 * - a jsonb_path_ops GIN index on attributes for the `attr.<key>=<value>` containment filter;
 * - the case-insensitive tag name unique, on `lower(name)`.
 * Both extensions are trusted (PostgreSQL 13+); pg_trgm normally exists already (reference data).
 */

export class Customers1795600001000 implements MigrationInterface {
  name = 'Customers1795600001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "customers"`);
    await queryRunner.query(`
            CREATE TABLE "customers"."customer_addresses" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "type" text NOT NULL,
                "line1" text NOT NULL,
                "line2" text,
                "city" text,
                "region" text,
                "postal_code" text,
                "country_code" character(2),
                "is_default" boolean NOT NULL DEFAULT false,
                CONSTRAINT "ck_customer_addresses_line1_length" CHECK (
                    char_length("line1") BETWEEN 1 AND 200
                ),
                CONSTRAINT "ck_customer_addresses_type" CHECK ("type" IN ('billing', 'shipping', 'other')),
                CONSTRAINT "pk_customer_addresses" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_customer_addresses_customer_id_type_default" ON "customers"."customer_addresses" ("customer_id", "type")
            WHERE is_default
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customer_addresses_company_id_customer_id" ON "customers"."customer_addresses" ("company_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers"."customer_contact_points" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "type" text NOT NULL,
                "label" text,
                "value" text NOT NULL,
                "is_primary" boolean NOT NULL DEFAULT false,
                CONSTRAINT "ck_customer_contact_points_value_length" CHECK (
                    char_length("value") BETWEEN 1 AND 254
                ),
                CONSTRAINT "ck_customer_contact_points_type" CHECK ("type" IN ('email', 'phone', 'other')),
                CONSTRAINT "pk_customer_contact_points" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_customer_contact_points_customer_id_type_primary" ON "customers"."customer_contact_points" ("customer_id", "type")
            WHERE is_primary
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_customer_contact_points_customer_id_type_value" ON "customers"."customer_contact_points" ("customer_id", "type", "value")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers"."customer_identities" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "channel" text NOT NULL,
                "external_id" text NOT NULL,
                "display_name" text,
                "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                CONSTRAINT "ck_customer_identities_external_id_length" CHECK (
                    char_length("external_id") BETWEEN 1 AND 200
                ),
                CONSTRAINT "ck_customer_identities_channel" CHECK (
                    "channel" IN ('whatsapp', 'web_chat', 'email', 'sms', 'api')
                ),
                CONSTRAINT "pk_customer_identities" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customer_identities_company_id_customer_id" ON "customers"."customer_identities" ("company_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_customer_identities_company_id_channel_external_id" ON "customers"."customer_identities" ("company_id", "channel", "external_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers"."customer_tags" (
                "customer_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                CONSTRAINT "pk_customer_tags" PRIMARY KEY ("customer_id", "tag_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customer_tags_company_id_tag_id" ON "customers"."customer_tags" ("company_id", "tag_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers"."customers" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "display_name" text NOT NULL,
                "given_name" text,
                "family_name" text,
                "legal_name" text,
                "tax_id" text,
                "website" text,
                "organization_id" uuid,
                "email" citext,
                "phone" text,
                "tier" text NOT NULL DEFAULT 'standard',
                "status" text NOT NULL DEFAULT 'active',
                "blocked" boolean NOT NULL DEFAULT false,
                "blocked_at" TIMESTAMP(3) WITH TIME ZONE,
                "blocked_reason" text,
                "owner_id" uuid,
                "attributes" jsonb NOT NULL DEFAULT '{}'::jsonb,
                CONSTRAINT "ck_customers_attributes_object" CHECK (jsonb_typeof("attributes") = 'object'),
                CONSTRAINT "ck_customers_blocked" CHECK (
                    (
                        "blocked"
                        AND "blocked_at" IS NOT NULL
                    )
                    OR (
                        NOT "blocked"
                        AND "blocked_at" IS NULL
                        AND "blocked_reason" IS NULL
                    )
                ),
                CONSTRAINT "ck_customers_organization_not_self" CHECK ("organization_id" <> "id"),
                CONSTRAINT "ck_customers_business_fields" CHECK (
                    "kind" = 'business'
                    OR (
                        "legal_name" IS NULL
                        AND "tax_id" IS NULL
                        AND "website" IS NULL
                    )
                ),
                CONSTRAINT "ck_customers_person_fields" CHECK (
                    "kind" = 'person'
                    OR (
                        "given_name" IS NULL
                        AND "family_name" IS NULL
                        AND "organization_id" IS NULL
                    )
                ),
                CONSTRAINT "ck_customers_display_name_length" CHECK (
                    char_length("display_name") BETWEEN 1 AND 200
                ),
                CONSTRAINT "ck_customers_status" CHECK ("status" IN ('active', 'inactive')),
                CONSTRAINT "ck_customers_tier" CHECK (
                    "tier" IN ('standard', 'silver', 'gold', 'platinum')
                ),
                CONSTRAINT "ck_customers_kind" CHECK ("kind" IN ('person', 'business')),
                CONSTRAINT "pk_customers" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_company_id_organization_id" ON "customers"."customers" ("company_id", "organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_company_id_owner_id" ON "customers"."customers" ("company_id", "owner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_company_id_updated_at_id" ON "customers"."customers" ("company_id", "updated_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_company_id_created_at_id" ON "customers"."customers" ("company_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_company_id_display_name_id" ON "customers"."customers" ("company_id", "display_name", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_customers_company_id_id" ON "customers"."customers" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers"."tags" (
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
                "color" text,
                "description" text,
                CONSTRAINT "ck_tags_color_format" CHECK ("color" ~ '^#[0-9A-Fa-f]{6}$'),
                CONSTRAINT "ck_tags_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 50
                ),
                CONSTRAINT "pk_tags" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tags_company_id_id" ON "customers"."tags" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_display_name_trgm" ON "customers"."customers"
            USING gin ("display_name" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_email_trgm" ON "customers"."customers"
            USING gin (("email"::text) gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_phone_trgm" ON "customers"."customers" USING gin ("phone" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_customers_attributes" ON "customers"."customers" USING gin ("attributes" jsonb_path_ops)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tags_company_id_name" ON "customers"."tags" ("company_id", lower("name"))
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses"
            ADD CONSTRAINT "fk_customer_addresses_country_code" FOREIGN KEY ("country_code") REFERENCES "ref"."countries"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses"
            ADD CONSTRAINT "fk_customer_addresses_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses"
            ADD CONSTRAINT "fk_customer_addresses_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_contact_points"
            ADD CONSTRAINT "fk_customer_contact_points_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_contact_points"
            ADD CONSTRAINT "fk_customer_contact_points_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_identities"
            ADD CONSTRAINT "fk_customer_identities_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_identities"
            ADD CONSTRAINT "fk_customer_identities_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags"
            ADD CONSTRAINT "fk_customer_tags_company_id_tag_id" FOREIGN KEY ("company_id", "tag_id") REFERENCES "customers"."tags"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags"
            ADD CONSTRAINT "fk_customer_tags_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags"
            ADD CONSTRAINT "fk_customer_tags_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers"
            ADD CONSTRAINT "fk_customers_owner_id" FOREIGN KEY ("owner_id") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers"
            ADD CONSTRAINT "fk_customers_company_id_organization_id" FOREIGN KEY ("company_id", "organization_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers"
            ADD CONSTRAINT "fk_customers_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."tags"
            ADD CONSTRAINT "fk_tags_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customers"."uq_tags_company_id_name"`);
    await queryRunner.query(`DROP INDEX "customers"."ix_customers_attributes"`);
    await queryRunner.query(`DROP INDEX "customers"."ix_customers_phone_trgm"`);
    await queryRunner.query(`DROP INDEX "customers"."ix_customers_email_trgm"`);
    await queryRunner.query(`DROP INDEX "customers"."ix_customers_display_name_trgm"`);
    await queryRunner.query(`
            ALTER TABLE "customers"."tags" DROP CONSTRAINT "fk_tags_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers" DROP CONSTRAINT "fk_customers_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers" DROP CONSTRAINT "fk_customers_company_id_organization_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customers" DROP CONSTRAINT "fk_customers_owner_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags" DROP CONSTRAINT "fk_customer_tags_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags" DROP CONSTRAINT "fk_customer_tags_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_tags" DROP CONSTRAINT "fk_customer_tags_company_id_tag_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_identities" DROP CONSTRAINT "fk_customer_identities_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_identities" DROP CONSTRAINT "fk_customer_identities_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_contact_points" DROP CONSTRAINT "fk_customer_contact_points_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_contact_points" DROP CONSTRAINT "fk_customer_contact_points_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses" DROP CONSTRAINT "fk_customer_addresses_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses" DROP CONSTRAINT "fk_customer_addresses_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "customers"."customer_addresses" DROP CONSTRAINT "fk_customer_addresses_country_code"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_tags_company_id_id"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."tags"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_customers_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customers_company_id_display_name_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customers_company_id_created_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customers_company_id_updated_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customers_company_id_owner_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customers_company_id_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."customers"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customer_tags_company_id_tag_id"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."customer_tags"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_customer_identities_company_id_channel_external_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customer_identities_company_id_customer_id"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."customer_identities"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_customer_contact_points_customer_id_type_value"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_customer_contact_points_customer_id_type_primary"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."customer_contact_points"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."ix_customer_addresses_company_id_customer_id"
        `);
    await queryRunner.query(`
            DROP INDEX "customers"."uq_customer_addresses_customer_id_type_default"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"."customer_addresses"
        `);
    await queryRunner.query(`DROP SCHEMA "customers"`);
  }
}
