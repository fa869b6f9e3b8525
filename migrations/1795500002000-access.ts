import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `access` (SPEC §4): the installation-wide permission catalogue, per-company roles and their
 * permissions, and API keys. Roles are unique on (company_id, id) so tenant tables reference them with
 * composite foreign keys (memberships and invitations do, in 1795500003000-memberships). The catalogue
 * is filled at start-up from the modules' PermissionSets, not here.
 */

export class Access1795500002000 implements MigrationInterface {
  name = 'Access1795500002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "access"`);
    await queryRunner.query(`
            CREATE TABLE "access"."api_keys" (
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
                "prefix" text NOT NULL,
                "key_hash" text NOT NULL,
                "role_id" uuid NOT NULL,
                "expires_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_used_ip" inet,
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                "revoked_by" uuid,
                CONSTRAINT "ck_api_keys_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 100
                ),
                CONSTRAINT "pk_api_keys" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_api_keys_company_id_role_id" ON "access"."api_keys" ("company_id", "role_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_api_keys_company_id_created_at" ON "access"."api_keys" ("company_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "access"."api_keys" ("key_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "access"."permissions" (
                "key" text NOT NULL,
                "domain" text NOT NULL,
                "resource" text NOT NULL,
                "action" text NOT NULL,
                "description" text NOT NULL,
                "scopable" boolean NOT NULL DEFAULT false,
                "deprecated_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_permissions_key_format" CHECK (
                    "key" ~ '^[a-z]+\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$'
                ),
                CONSTRAINT "pk_permissions" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_permissions_domain" ON "access"."permissions" ("domain")
        `);
    await queryRunner.query(`
            CREATE TABLE "access"."role_permissions" (
                "role_id" uuid NOT NULL,
                "permission_key" text NOT NULL,
                "company_id" uuid NOT NULL,
                "scope" text NOT NULL,
                CONSTRAINT "ck_role_permissions_scope" CHECK ("scope" IN ('all', 'own')),
                CONSTRAINT "pk_role_permissions" PRIMARY KEY ("role_id", "permission_key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_role_permissions_permission_key" ON "access"."role_permissions" ("permission_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "access"."roles" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "key" text NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "is_system" boolean NOT NULL DEFAULT false,
                "system_key" text,
                CONSTRAINT "ck_roles_system_key" CHECK (
                    (
                        "is_system"
                        AND "system_key" IN (
                            'owner',
                            'admin',
                            'manager',
                            'agent',
                            'sales',
                            'finance',
                            'viewer'
                        )
                    )
                    OR (
                        NOT "is_system"
                        AND "system_key" IS NULL
                    )
                ),
                CONSTRAINT "ck_roles_key_length" CHECK (
                    char_length("key") BETWEEN 1 AND 50
                ),
                CONSTRAINT "ck_roles_name_length" CHECK (
                    char_length("name") BETWEEN 2 AND 50
                ),
                CONSTRAINT "pk_roles" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_roles_company_id_system_key" ON "access"."roles" ("company_id", "system_key")
            WHERE system_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_roles_company_id_key" ON "access"."roles" ("company_id", "key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_roles_company_id_id" ON "access"."roles" ("company_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."api_keys"
            ADD CONSTRAINT "fk_api_keys_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."api_keys"
            ADD CONSTRAINT "fk_api_keys_company_id_role_id" FOREIGN KEY ("company_id", "role_id") REFERENCES "access"."roles"("company_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."role_permissions"
            ADD CONSTRAINT "fk_role_permissions_permission_key" FOREIGN KEY ("permission_key") REFERENCES "access"."permissions"("key") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."role_permissions"
            ADD CONSTRAINT "fk_role_permissions_company_id_role_id" FOREIGN KEY ("company_id", "role_id") REFERENCES "access"."roles"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."roles"
            ADD CONSTRAINT "fk_roles_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "access"."roles" DROP CONSTRAINT "fk_roles_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."role_permissions" DROP CONSTRAINT "fk_role_permissions_company_id_role_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."role_permissions" DROP CONSTRAINT "fk_role_permissions_permission_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."api_keys" DROP CONSTRAINT "fk_api_keys_company_id_role_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "access"."api_keys" DROP CONSTRAINT "fk_api_keys_company_id"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."uq_roles_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."uq_roles_company_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."uq_roles_company_id_system_key"
        `);
    await queryRunner.query(`
            DROP TABLE "access"."roles"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."ix_role_permissions_permission_key"
        `);
    await queryRunner.query(`
            DROP TABLE "access"."role_permissions"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."ix_permissions_domain"
        `);
    await queryRunner.query(`
            DROP TABLE "access"."permissions"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."uq_api_keys_key_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."ix_api_keys_company_id_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "access"."ix_api_keys_company_id_role_id"
        `);
    await queryRunner.query(`
            DROP TABLE "access"."api_keys"
        `);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "access"`);
  }
}
