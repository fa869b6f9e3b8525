import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795600000000 implements MigrationInterface {
  name = 'Outbox1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "platform"."outbox_events" (
                "id" uuid NOT NULL,
                "company_id" uuid,
                "type" text NOT NULL,
                "aggregate_type" text NOT NULL,
                "aggregate_id" uuid NOT NULL,
                "data" jsonb NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_events_company_id_occurred_at_id" ON "platform"."outbox_events" ("company_id", "occurred_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_events_unpublished" ON "platform"."outbox_events" ("occurred_at", "id")
            WHERE "published_at" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "platform"."ix_outbox_events_unpublished"
        `);
    await queryRunner.query(`
            DROP INDEX "platform"."ix_outbox_events_company_id_occurred_at_id"
        `);
    await queryRunner.query(`
            DROP TABLE "platform"."outbox_events"
        `);
  }
}
