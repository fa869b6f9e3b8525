import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `identity` (SPEC §2: users, sessions, user_tokens, auth_events, login_attempts) and the e-mail
 * outbox `platform.email_deliveries` (SPEC §11.6).
 *
 * No FK from sessions.company_id or email_deliveries.company_id to companies: that module is downstream
 * and its tables are created by a later migration. auth_events is append-only (trigger below); the purge
 * job sets `cornerstone.purge = on` for its transaction to delete old rows.
 */

export class Identity1795500000000 implements MigrationInterface {
  name = 'Identity1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // citext is a trusted extension (PostgreSQL 13+): case-insensitive e-mail uniqueness.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "identity"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "identity"."auth_events" (
                "id" uuid NOT NULL,
                "user_id" uuid,
                "email" text,
                "type" text NOT NULL,
                "ip" inet,
                "user_agent" text,
                "session_id" uuid,
                "request_id" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_auth_events_type" CHECK (
                    "type" IN (
                        'register',
                        'email_verified',
                        'login_succeeded',
                        'login_failed',
                        'lockout',
                        'refresh_reuse',
                        'logout',
                        'logout_all',
                        'session_revoked',
                        'password_reset_requested',
                        'password_reset',
                        'password_changed',
                        'email_change_requested',
                        'email_changed',
                        'company_switched',
                        'account_deleted',
                        'user_created',
                        'user_updated',
                        'user_disabled',
                        'user_enabled'
                    )
                ),
                CONSTRAINT "pk_auth_events" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_auth_events_ip_created_at" ON "identity"."auth_events" ("ip", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_auth_events_email_created_at" ON "identity"."auth_events" ("email", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_auth_events_user_id_created_at" ON "identity"."auth_events" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "identity"."login_attempts" (
                "key" text NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "pk_login_attempts" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "identity"."sessions" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "company_id" uuid,
                "refresh_hash" text NOT NULL,
                "user_agent" text,
                "ip" inet,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "absolute_expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                "revoke_reason" text,
                CONSTRAINT "uq_sessions_refresh_hash" UNIQUE ("refresh_hash"),
                CONSTRAINT "pk_sessions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sessions_user_id_revoked_at" ON "identity"."sessions" ("user_id", "revoked_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "identity"."user_tokens" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "token_hash" text NOT NULL,
                "payload" jsonb,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "uq_user_tokens_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "ck_user_tokens_purpose" CHECK (
                    "purpose" IN (
                        'verify_email',
                        'change_email',
                        'reset_password',
                        'set_password'
                    )
                ),
                CONSTRAINT "pk_user_tokens" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_user_tokens_user_id_purpose" ON "identity"."user_tokens" ("user_id", "purpose")
        `);
    await queryRunner.query(`
            CREATE TABLE "identity"."users" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "email" citext,
                "password_hash" text,
                "name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending_verification',
                "email_verified_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_login_at" TIMESTAMP(3) WITH TIME ZONE,
                "onboarding_completed_at" TIMESTAMP(3) WITH TIME ZONE,
                "token_version" integer NOT NULL DEFAULT '0',
                "locale" text NOT NULL DEFAULT 'en',
                "timezone" text NOT NULL DEFAULT 'UTC',
                "is_platform_admin" boolean NOT NULL DEFAULT false,
                CONSTRAINT "ck_users_email_password_when_not_deleted" CHECK (
                    "deleted_at" IS NOT NULL
                    OR (
                        "email" IS NOT NULL
                        AND "password_hash" IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_users_name_length" CHECK (
                    char_length("name") BETWEEN 1 AND 200
                ),
                CONSTRAINT "ck_users_status" CHECK (
                    "status" IN ('pending_verification', 'active', 'disabled')
                ),
                CONSTRAINT "pk_users" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "identity"."users" ("email")
            WHERE deleted_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "platform"."email_deliveries" (
                "id" uuid NOT NULL,
                "company_id" uuid,
                "to" text NOT NULL,
                "template" text NOT NULL,
                "locale" text NOT NULL,
                "subject" text NOT NULL,
                "body_text" text,
                "body_html" text,
                "status" text NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "provider_message_id" text,
                "queued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "ck_email_deliveries_status" CHECK (
                    "status" IN ('queued', 'sent', 'failed', 'logged')
                ),
                CONSTRAINT "ck_email_deliveries_template" CHECK (
                    "template" IN (
                        'verify_email',
                        'set_password',
                        'reset_password',
                        'password_changed',
                        'change_email_confirm',
                        'change_email_notice',
                        'invitation'
                    )
                ),
                CONSTRAINT "pk_email_deliveries" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_email_deliveries_queued_at" ON "platform"."email_deliveries" ("queued_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_email_deliveries_status_next_attempt_at" ON "platform"."email_deliveries" ("status", "next_attempt_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "identity"."auth_events"
            ADD CONSTRAINT "fk_auth_events_user_id" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "identity"."sessions"
            ADD CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "identity"."user_tokens"
            ADD CONSTRAINT "fk_user_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION "identity"."auth_events_append_only"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND current_setting('cornerstone.purge', true) = 'on' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'identity.auth_events is append-only' USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_auth_events_append_only" BEFORE UPDATE OR DELETE ON "identity"."auth_events"
            FOR EACH ROW EXECUTE FUNCTION "identity"."auth_events_append_only"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_auth_events_append_only" ON "identity"."auth_events"`);
    await queryRunner.query(`DROP FUNCTION "identity"."auth_events_append_only"()`);
    await queryRunner.query(`
            ALTER TABLE "identity"."user_tokens" DROP CONSTRAINT "fk_user_tokens_user_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "identity"."sessions" DROP CONSTRAINT "fk_sessions_user_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "identity"."auth_events" DROP CONSTRAINT "fk_auth_events_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "platform"."ix_email_deliveries_status_next_attempt_at"
        `);
    await queryRunner.query(`
            DROP INDEX "platform"."ix_email_deliveries_queued_at"
        `);
    await queryRunner.query(`
            DROP TABLE "platform"."email_deliveries"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "identity"."users"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."ix_user_tokens_user_id_purpose"
        `);
    await queryRunner.query(`
            DROP TABLE "identity"."user_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."ix_sessions_user_id_revoked_at"
        `);
    await queryRunner.query(`
            DROP TABLE "identity"."sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "identity"."login_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."ix_auth_events_user_id_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."ix_auth_events_email_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "identity"."ix_auth_events_ip_created_at"
        `);
    await queryRunner.query(`
            DROP TABLE "identity"."auth_events"
        `);
    await queryRunner.query(`DROP SCHEMA "identity"`);
  }
}
