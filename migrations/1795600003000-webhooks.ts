import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (SPEC §11.2): endpoints, deliveries (one per event and endpoint) and their attempt
 * log, plus the wake-up of the dispatcher: a statement trigger on `platform.outbox_events` that sends
 * `NOTIFY platform_outbox_events`. PostgreSQL delivers a notification only when its transaction
 * commits, so a rolled-back business change wakes nobody, and the dispatcher never reads an event
 * before it is visible. (The dispatcher also polls, so a missed notification only delays an event.)
 */
export class Webhooks1795600003000 implements MigrationInterface {
  name = 'Webhooks1795600003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."webhook_endpoints" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "url" text NOT NULL,
                "description" text,
                "event_types" text array NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "secret_ciphertext" text NOT NULL,
                "previous_secret_ciphertext" text,
                "previous_secret_expires_at" TIMESTAMP(3) WITH TIME ZONE,
                "consecutive_failures" integer NOT NULL DEFAULT '0',
                "disabled_at" TIMESTAMP(3) WITH TIME ZONE,
                "disabled_reason" text,
                CONSTRAINT "ck_webhook_endpoints_consecutive_failures" CHECK ("consecutive_failures" >= 0),
                CONSTRAINT "ck_webhook_endpoints_event_types" CHECK (cardinality("event_types") >= 1),
                CONSTRAINT "ck_webhook_endpoints_description_length" CHECK (char_length("description") <= 500),
                CONSTRAINT "ck_webhook_endpoints_url_length" CHECK (
                    char_length("url") BETWEEN 1 AND 2048
                ),
                CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_webhook_endpoints_company_id_created_at_id" ON "platform"."webhook_endpoints" ("company_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_endpoints_company_id_url" ON "platform"."webhook_endpoints" ("company_id", "url")
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_endpoints_company_id_id" ON "platform"."webhook_endpoints" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "platform"."webhook_deliveries" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "endpoint_id" uuid NOT NULL,
                "event_type" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_status_code" integer,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_webhook_deliveries_attempts" CHECK ("attempts" >= 0),
                CONSTRAINT "ck_webhook_deliveries_status" CHECK (
                    "status" IN ('pending', 'succeeded', 'failed', 'dead')
                ),
                CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_due" ON "platform"."webhook_deliveries" ("next_attempt_at")
            WHERE "status" IN ('pending', 'failed')
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_company_id_endpoint_id_created_at_id" ON "platform"."webhook_deliveries" ("company_id", "endpoint_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_deliveries_event_id_endpoint_id" ON "platform"."webhook_deliveries" ("event_id", "endpoint_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_deliveries_company_id_id" ON "platform"."webhook_deliveries" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "platform"."webhook_delivery_attempts" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "delivery_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "duration_ms" integer NOT NULL,
                "status_code" integer,
                "response_body" text,
                "error" text,
                CONSTRAINT "pk_webhook_delivery_attempts" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_webhook_delivery_attempts_company_id_delivery_id_started_at" ON "platform"."webhook_delivery_attempts" ("company_id", "delivery_id", "started_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."webhook_endpoints"
            ADD CONSTRAINT "fk_webhook_endpoints_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."webhook_deliveries"
            ADD CONSTRAINT "fk_webhook_deliveries_event_id" FOREIGN KEY ("event_id") REFERENCES "platform"."outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."webhook_deliveries"
            ADD CONSTRAINT "fk_webhook_deliveries_company_id_endpoint_id" FOREIGN KEY ("company_id", "endpoint_id") REFERENCES "platform"."webhook_endpoints"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."webhook_delivery_attempts"
            ADD CONSTRAINT "fk_webhook_delivery_attempts_company_id_delivery_id" FOREIGN KEY ("company_id", "delivery_id") REFERENCES "platform"."webhook_deliveries"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION "platform"."outbox_events_notify"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('platform_outbox_events', '');
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_outbox_events_notify" AFTER INSERT ON "platform"."outbox_events"
            FOR EACH STATEMENT EXECUTE FUNCTION "platform"."outbox_events_notify"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_outbox_events_notify" ON "platform"."outbox_events"`);
    await queryRunner.query(`DROP FUNCTION "platform"."outbox_events_notify"()`);
    await queryRunner.query(`DROP TABLE "platform"."webhook_delivery_attempts"`);
    await queryRunner.query(`DROP TABLE "platform"."webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "platform"."webhook_endpoints"`);
  }
}
