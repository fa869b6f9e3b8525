import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformFoundation1795322170111 implements MigrationInterface {
  name = 'PlatformFoundation1795322170111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM does not generate schemas: one schema per module (ARCHITECTURE §4).
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."idempotency_keys" (
                "scope" text NOT NULL,
                "key" text NOT NULL,
                "fingerprint" character(64) NOT NULL,
                "state" text NOT NULL,
                "status_code" integer,
                "response_body" jsonb,
                "response_headers" jsonb,
                "locked_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_idempotency_keys_state" CHECK ("state" IN ('in_progress', 'completed')),
                CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("scope", "key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_idempotency_keys_expires_at" ON "platform"."idempotency_keys" ("expires_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "platform"."ix_idempotency_keys_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "platform"."idempotency_keys"
        `);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "platform"`);
  }
}
