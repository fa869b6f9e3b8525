import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTable, dropAuditTable } from '@libs/persistence';

/**
 * Settings (SPEC §11.4): stored values only, the definitions live in code. One row per (company, key),
 * the installation-wide row having company_id NULL: hence UNIQUE ... NULLS NOT DISTINCT (PostgreSQL 15+),
 * written by hand because TypeORM cannot describe it. Every change is audited (`setting.*`).
 */
export class Settings1795600006000 implements MigrationInterface {
  name = 'Settings1795600006000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."settings" (
                "id" uuid NOT NULL,
                "company_id" uuid,
                "key" text NOT NULL,
                "value" jsonb NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "pk_settings" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_settings_company_id_key" ON "platform"."settings" ("company_id", "key") NULLS NOT DISTINCT
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."settings"
            ADD CONSTRAINT "fk_settings_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await auditTable(queryRunner, 'platform.settings', 'setting');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'platform.settings');
    await queryRunner.query(`
            ALTER TABLE "platform"."settings" DROP CONSTRAINT "fk_settings_company_id"
        `);
    await queryRunner.query(`DROP INDEX "platform"."uq_settings_company_id_key"`);
    await queryRunner.query(`DROP TABLE "platform"."settings"`);
  }
}
