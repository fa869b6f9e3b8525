import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations (SPEC §11.7, §11.3): provider configurations, their secrets sealed with AES-256-GCM
 * (columns named `*_ciphertext`, which the audit log redacts), at most one active per company and
 * type (partial unique index); and the inbound webhook store, deduplicated per company, provider and
 * external event id. Configuration changes are audited (`provider_config.*`): the audit-log migration,
 * which runs after this one, attaches its trigger to provider_configs. Inbound events are a system log
 * (no version, no audit trigger).
 */
export class Integrations1795600004000 implements MigrationInterface {
  name = 'Integrations1795600004000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."provider_configs" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "type" text NOT NULL,
                "provider" text NOT NULL,
                "name" text NOT NULL,
                "active" boolean NOT NULL DEFAULT false,
                "credentials_ciphertext" text NOT NULL,
                "credential_fields" text array NOT NULL,
                "inbound_secret_ciphertext" text NOT NULL,
                "encryption_key_id" text NOT NULL,
                "settings" jsonb NOT NULL,
                "inbound_route_key" text NOT NULL,
                "last_tested_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_test_result" text,
                "last_test_message" text,
                CONSTRAINT "ck_provider_configs_last_test_result" CHECK ("last_test_result" IN ('succeeded', 'failed')),
                CONSTRAINT "ck_provider_configs_settings_object" CHECK (jsonb_typeof("settings") = 'object'),
                CONSTRAINT "ck_provider_configs_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 100
                ),
                CONSTRAINT "ck_provider_configs_provider" CHECK ("provider" IN ('generic', 'smtp')),
                CONSTRAINT "ck_provider_configs_type" CHECK (
                    "type" IN ('crm', 'billing', 'email', 'messaging')
                ),
                CONSTRAINT "pk_provider_configs" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_provider_configs_company_id_created_at" ON "platform"."provider_configs" ("company_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_provider_configs_company_id_type_active" ON "platform"."provider_configs" ("company_id", "type")
            WHERE active
                AND deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_provider_configs_inbound_route_key" ON "platform"."provider_configs" ("inbound_route_key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_provider_configs_company_id_id" ON "platform"."provider_configs" ("company_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."provider_configs"
            ADD CONSTRAINT "fk_provider_configs_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);

    await queryRunner.query(`
            CREATE TABLE "platform"."inbound_events" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "provider" text NOT NULL,
                "provider_config_id" uuid NOT NULL,
                "external_event_id" text NOT NULL,
                "event_type" text,
                "payload" jsonb NOT NULL,
                "status" text NOT NULL DEFAULT 'received',
                "attempts" integer NOT NULL DEFAULT '0',
                "error" text,
                "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "processed_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "ck_inbound_events_external_event_id_length" CHECK (
                    char_length("external_event_id") BETWEEN 1 AND 255
                ),
                CONSTRAINT "ck_inbound_events_status" CHECK (
                    "status" IN (
                        'received',
                        'processing',
                        'processed',
                        'failed',
                        'ignored'
                    )
                ),
                CONSTRAINT "pk_inbound_events" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_inbound_events_company_id_received_at_id" ON "platform"."inbound_events" ("company_id", "received_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_inbound_events_company_id_provider_external_event_id" ON "platform"."inbound_events" ("company_id", "provider", "external_event_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."inbound_events"
            ADD CONSTRAINT "fk_inbound_events_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."inbound_events"
            ADD CONSTRAINT "fk_inbound_events_company_id_provider_config_id" FOREIGN KEY ("company_id", "provider_config_id") REFERENCES "platform"."provider_configs"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "platform"."inbound_events" DROP CONSTRAINT "fk_inbound_events_company_id_provider_config_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."inbound_events" DROP CONSTRAINT "fk_inbound_events_company_id"
        `);
    await queryRunner.query(
      `DROP INDEX "platform"."uq_inbound_events_company_id_provider_external_event_id"`,
    );
    await queryRunner.query(`DROP INDEX "platform"."ix_inbound_events_company_id_received_at_id"`);
    await queryRunner.query(`DROP TABLE "platform"."inbound_events"`);
    await queryRunner.query(`
            ALTER TABLE "platform"."provider_configs" DROP CONSTRAINT "fk_provider_configs_company_id"
        `);
    await queryRunner.query(`DROP INDEX "platform"."uq_provider_configs_company_id_id"`);
    await queryRunner.query(`DROP INDEX "platform"."uq_provider_configs_inbound_route_key"`);
    await queryRunner.query(`DROP INDEX "platform"."uq_provider_configs_company_id_type_active"`);
    await queryRunner.query(`DROP INDEX "platform"."ix_provider_configs_company_id_created_at"`);
    await queryRunner.query(`DROP TABLE "platform"."provider_configs"`);
  }
}
