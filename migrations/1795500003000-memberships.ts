import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * companies.memberships and companies.invitations (SPEC §3). Both are tenant-owned; their role is a
 * composite FK (company_id, role_id) -> access.roles (company_id, id), RESTRICT, so a row can never
 * point at another company's role and a role in use cannot be deleted.
 */

export class Memberships1795500003000 implements MigrationInterface {
  name = 'Memberships1795500003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await queryRunner.query(`
            CREATE TABLE "companies"."invitations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "email" citext NOT NULL,
                "role_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "invited_by" uuid,
                "accepted_by" uuid,
                "accepted_at" TIMESTAMP(3) WITH TIME ZONE,
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                "resend_count" integer NOT NULL DEFAULT '0',
                "last_sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_invitations_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "ck_invitations_status" CHECK (
                    "status" IN ('pending', 'accepted', 'revoked', 'expired')
                ),
                CONSTRAINT "pk_invitations" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_company_id_status" ON "companies"."invitations" ("company_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_company_id_email_pending" ON "companies"."invitations" ("company_id", "email")
            WHERE status = 'pending'
                AND deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "companies"."memberships" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "is_default" boolean NOT NULL DEFAULT false,
                "joined_via" text NOT NULL,
                "invited_by" uuid,
                "joined_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_memberships_joined_via" CHECK (
                    "joined_via" IN ('created', 'invitation', 'admin')
                ),
                CONSTRAINT "ck_memberships_status" CHECK ("status" IN ('active', 'suspended')),
                CONSTRAINT "pk_memberships" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_memberships_company_id_role_id" ON "companies"."memberships" ("company_id", "role_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_memberships_user_id" ON "companies"."memberships" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_user_id_default" ON "companies"."memberships" ("user_id")
            WHERE is_default
                AND deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_company_id_user_id" ON "companies"."memberships" ("company_id", "user_id")
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations"
            ADD CONSTRAINT "fk_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations"
            ADD CONSTRAINT "fk_invitations_accepted_by" FOREIGN KEY ("accepted_by") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations"
            ADD CONSTRAINT "fk_invitations_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations"
            ADD CONSTRAINT "fk_invitations_company_id_role_id" FOREIGN KEY ("company_id", "role_id") REFERENCES "access"."roles"("company_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships"
            ADD CONSTRAINT "fk_memberships_user_id" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships"
            ADD CONSTRAINT "fk_memberships_invited_by" FOREIGN KEY ("invited_by") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships"
            ADD CONSTRAINT "fk_memberships_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships"
            ADD CONSTRAINT "fk_memberships_company_id_role_id" FOREIGN KEY ("company_id", "role_id") REFERENCES "access"."roles"("company_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships" DROP CONSTRAINT "fk_memberships_company_id_role_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships" DROP CONSTRAINT "fk_memberships_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships" DROP CONSTRAINT "fk_memberships_invited_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."memberships" DROP CONSTRAINT "fk_memberships_user_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations" DROP CONSTRAINT "fk_invitations_company_id_role_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations" DROP CONSTRAINT "fk_invitations_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations" DROP CONSTRAINT "fk_invitations_accepted_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "companies"."invitations" DROP CONSTRAINT "fk_invitations_invited_by"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."uq_memberships_company_id_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."uq_memberships_user_id_default"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."ix_memberships_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."ix_memberships_company_id_role_id"
        `);
    await queryRunner.query(`
            DROP TABLE "companies"."memberships"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."uq_invitations_company_id_email_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "companies"."ix_invitations_company_id_status"
        `);
    await queryRunner.query(`
            DROP TABLE "companies"."invitations"
        `);
  }
}
