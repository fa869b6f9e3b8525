import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type AuditSubject, auditTable, type AuditTableOptions, dropAuditTable } from '@libs/persistence';

/**
 * The automatic audit log (SPEC §11.1): `platform.audit_logs`, written by triggers in the transaction
 * of every audited change, so no service writes audit rows and a rollback leaves none.
 *
 * - `platform.audit_row(entity, subject_type?, subject_column?, id_column?, company_column?)` is
 *   attached to every business table (`auditTable()` of @libs/persistence for later migrations).
 * - `platform.audit_auth_event()` turns each `identity.auth_events` row into an `auth.<type>` row.
 * - Who/where come from the transaction-local settings `cornerstone.*` that AuditContextSubscriber
 *   sets at the start of every transaction; without them (jobs, CLI) the row's `*_by` columns.
 * - The redaction pattern and the untracked columns are literals of REDACTED_FIELDS and
 *   UNTRACKED_FIELDS (libs/persistence/src/audit/redacted-fields.ts); a unit test keeps them equal.
 *
 * Not audited: high-churn technical tables (sessions, login_attempts, user_tokens, idempotency keys,
 * e-mail deliveries, outbox, webhook deliveries) and the permission catalogue, which start-up syncs
 * from code.
 */
export class AuditLog1795600005000 implements MigrationInterface {
  name = 'AuditLog1795600005000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "platform"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."audit_logs" (
                "id" uuid NOT NULL,
                "company_id" uuid,
                "actor_type" text NOT NULL,
                "actor_id" uuid,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" uuid,
                "subject_type" text,
                "subject_id" uuid,
                "changes" jsonb,
                "snapshot" jsonb,
                "request_id" text,
                "ip" inet,
                "user_agent" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_audit_logs_actor_type" CHECK ("actor_type" IN ('user', 'api_key', 'system')),
                CONSTRAINT "pk_audit_logs" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_logs_company_id_actor_id_created_at" ON "platform"."audit_logs" ("company_id", "actor_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_logs_company_id_subject_type_subject_id_created_at" ON "platform"."audit_logs" (
                "company_id",
                "subject_type",
                "subject_id",
                "created_at"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_logs_company_id_entity_type_entity_id_created_at" ON "platform"."audit_logs" (
                "company_id",
                "entity_type",
                "entity_id",
                "created_at"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_logs_company_id_created_at_id" ON "platform"."audit_logs" ("company_id", "created_at", "id")
        `);

    // Append-only: only the purge (SET LOCAL cornerstone.audit_purge = on) may delete; nobody updates
    // or truncates.
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_logs_append_only"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND current_setting('cornerstone.audit_purge', true) = 'on' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'platform.audit_logs is append-only' USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_audit_logs_append_only" BEFORE UPDATE OR DELETE ON "platform"."audit_logs"
            FOR EACH ROW EXECUTE FUNCTION "platform"."audit_logs_append_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_audit_logs_no_truncate" BEFORE TRUNCATE ON "platform"."audit_logs"
            FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_logs_append_only"()
        `);

    // UUIDv7 (time-ordered) on PostgreSQL 15+; PostgreSQL 18's uuidv7() is not available everywhere.
    await queryRunner.query(`
            CREATE FUNCTION "platform"."uuid_v7"() RETURNS uuid
            LANGUAGE sql VOLATILE AS $$
                SELECT encode(
                    set_bit(set_bit(
                        overlay(uuid_send(gen_random_uuid())
                                placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                                FROM 1 FOR 6),
                        52, 1), 53, 1),
                    'hex')::uuid
            $$
        `);

    // REDACTED_FIELDS as one pattern (redactedFieldsPattern()).
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_redacted"(field text) RETURNS boolean
            LANGUAGE sql IMMUTABLE AS $$
                SELECT field ~ '^(.*password.*|.*_hash|.*token.*|.*secret.*|credentials.*|.*_ciphertext)$'
            $$
        `);
    // UNTRACKED_FIELDS.
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_untracked"(field text) RETURNS boolean
            LANGUAGE sql IMMUTABLE AS $$
                SELECT field = ANY ('{id,company_id,created_at,created_by,updated_at,updated_by,version,deleted_at,deleted_by,last_login_at,last_used_at,last_used_ip,consecutive_failures}'::text[])
            $$
        `);
    // snake_case column -> camelCase field of the API.
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_field_name"(field text) RETURNS text
            LANGUAGE sql IMMUTABLE AS $$
                SELECT string_agg(CASE WHEN i = 1 THEN part ELSE upper(left(part, 1)) || substr(part, 2) END, '' ORDER BY i)
                  FROM unnest(string_to_array(field, '_')) WITH ORDINALITY AS parts(part, i)
            $$
        `);
    // A column's value as recorded: redacted when its name says so (a NULL stays NULL: it hides
    // nothing), decimals as exact strings like money on the wire.
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_value"(field text, value jsonb) RETURNS jsonb
            LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE
                    WHEN value IS NULL OR value = 'null'::jsonb THEN 'null'::jsonb
                    WHEN "platform"."audit_redacted"(field) THEN '"[redacted]"'::jsonb
                    WHEN jsonb_typeof(value) = 'number' AND value::text ~ '[.eE]' THEN to_jsonb(value::text)
                    ELSE value
                END
            $$
        `);

    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_row"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                v_entity text := TG_ARGV[0];
                v_subject_type text := NULLIF(TG_ARGV[1], '');
                v_subject_column text := NULLIF(TG_ARGV[2], '');
                v_id_column text := COALESCE(NULLIF(TG_ARGV[3], ''), 'id');
                v_company_column text := COALESCE(NULLIF(TG_ARGV[4], ''), 'company_id');
                v_old jsonb;
                v_new jsonb;
                v_row jsonb;
                v_verb text;
                v_changes jsonb;
                v_snapshot jsonb;
                v_company_id uuid;
                v_actor_type text := NULLIF(current_setting('cornerstone.actor_type', true), '');
                v_actor_id uuid := NULLIF(current_setting('cornerstone.actor_id', true), '')::uuid;
            BEGIN
                IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD); END IF;
                IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW); END IF;
                v_row := COALESCE(v_new, v_old);

                IF TG_OP = 'INSERT' THEN
                    v_verb := 'created';
                    SELECT jsonb_object_agg("platform"."audit_field_name"(key),
                                            jsonb_build_array(NULL, "platform"."audit_value"(key, value)))
                      INTO v_changes
                      FROM jsonb_each(v_new)
                     WHERE value <> 'null'::jsonb AND NOT "platform"."audit_untracked"(key);
                ELSIF TG_OP = 'UPDATE' THEN
                    SELECT jsonb_object_agg("platform"."audit_field_name"(n.key),
                                            jsonb_build_array("platform"."audit_value"(n.key, o.value),
                                                              "platform"."audit_value"(n.key, n.value)))
                      INTO v_changes
                      FROM jsonb_each(v_new) n JOIN jsonb_each(v_old) o ON o.key = n.key
                     WHERE n.value IS DISTINCT FROM o.value AND NOT "platform"."audit_untracked"(n.key);
                    IF v_old->'deleted_at' = 'null'::jsonb AND v_new->'deleted_at' <> 'null'::jsonb THEN
                        v_verb := 'deleted';
                    ELSIF v_old->'deleted_at' <> 'null'::jsonb AND v_new->'deleted_at' = 'null'::jsonb THEN
                        v_verb := 'restored';
                    ELSIF v_changes IS NULL THEN
                        -- Only bookkeeping changed (a version bump, a usage stamp): nothing to record.
                        RETURN NULL;
                    ELSIF v_old->'status' IS DISTINCT FROM v_new->'status' THEN
                        v_verb := 'status_changed';
                    ELSE
                        v_verb := 'updated';
                    END IF;
                ELSE
                    v_verb := 'deleted';
                    SELECT jsonb_object_agg("platform"."audit_field_name"(key), "platform"."audit_value"(key, value))
                      INTO v_snapshot
                      FROM jsonb_each(v_old);
                END IF;

                IF v_row ? v_company_column THEN
                    v_company_id := (v_row->>v_company_column)::uuid;
                ELSE
                    v_company_id := NULLIF(current_setting('cornerstone.company_id', true), '')::uuid;
                END IF;

                IF v_actor_type IS NULL THEN
                    -- No request context (job, CLI, a write outside any transaction): who the row says.
                    v_actor_id := CASE
                        WHEN TG_OP = 'INSERT' THEN (v_new->>'created_by')::uuid
                        WHEN TG_OP = 'UPDATE' AND v_verb = 'deleted' THEN (v_new->>'deleted_by')::uuid
                        WHEN TG_OP = 'UPDATE' THEN (v_new->>'updated_by')::uuid
                    END;
                    v_actor_type := CASE
                        WHEN v_actor_id IS NULL THEN 'system'
                        WHEN EXISTS (SELECT 1 FROM "identity"."users" WHERE id = v_actor_id) THEN 'user'
                        ELSE 'api_key'
                    END;
                END IF;

                INSERT INTO "platform"."audit_logs" (
                    id, company_id, actor_type, actor_id, action, entity_type, entity_id, subject_type,
                    subject_id, changes, snapshot, request_id, ip, user_agent
                ) VALUES (
                    "platform"."uuid_v7"(), v_company_id, v_actor_type, v_actor_id, v_entity || '.' || v_verb,
                    v_entity, (v_row->>v_id_column)::uuid, v_subject_type,
                    CASE WHEN v_subject_column IS NOT NULL THEN (v_row->>v_subject_column)::uuid END,
                    v_changes, v_snapshot,
                    NULLIF(current_setting('cornerstone.request_id', true), ''),
                    NULLIF(current_setting('cornerstone.ip', true), '')::inet,
                    NULLIF(current_setting('cornerstone.user_agent', true), '')
                );
                RETURN NULL;
            END
            $$
        `);

    // Auth events carry their own request id, ip and user agent (also when written outside any
    // transaction, like a failed login whose counters must survive the error answer).
    await queryRunner.query(`
            CREATE FUNCTION "platform"."audit_auth_event"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                v_actor_type text := NULLIF(current_setting('cornerstone.actor_type', true), '');
                v_actor_id uuid := NULLIF(current_setting('cornerstone.actor_id', true), '')::uuid;
            BEGIN
                IF v_actor_type IS NULL THEN
                    -- Signed-out flows: the account acted (sign-up, sign-in), except for what anyone
                    -- typing its e-mail can cause (failures, lockouts, reset requests, token reuse).
                    IF NEW.user_id IS NOT NULL AND NEW.type NOT IN (
                        'login_failed', 'lockout', 'refresh_reuse', 'password_reset_requested'
                    ) THEN
                        v_actor_type := 'user';
                        v_actor_id := NEW.user_id;
                    ELSE
                        v_actor_type := 'system';
                        v_actor_id := NULL;
                    END IF;
                END IF;
                INSERT INTO "platform"."audit_logs" (
                    id, company_id, actor_type, actor_id, action, entity_type, entity_id, snapshot,
                    request_id, ip, user_agent, created_at
                ) VALUES (
                    "platform"."uuid_v7"(),
                    NULLIF(current_setting('cornerstone.company_id', true), '')::uuid,
                    v_actor_type, v_actor_id, 'auth.' || NEW.type, 'user', NEW.user_id,
                    NULLIF(jsonb_strip_nulls(jsonb_build_object('email', NEW.email, 'sessionId', NEW.session_id)), '{}'::jsonb),
                    NEW.request_id, NEW.ip, NEW.user_agent, NEW.created_at
                );
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_auth_events_audit" AFTER INSERT ON "identity"."auth_events"
            FOR EACH ROW EXECUTE FUNCTION "platform"."audit_auth_event"()
        `);

    for (const { table, entity, subject, options } of AUDITED_TABLES) {
      await auditTable(queryRunner, table, entity, subject, options);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of [...AUDITED_TABLES].reverse()) await dropAuditTable(queryRunner, table);
    await queryRunner.query(`DROP TRIGGER "tr_auth_events_audit" ON "identity"."auth_events"`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_auth_event"()`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_row"()`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_value"(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_field_name"(text)`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_untracked"(text)`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_redacted"(text)`);
    await queryRunner.query(`DROP FUNCTION "platform"."uuid_v7"()`);
    await queryRunner.query(`DROP TABLE "platform"."audit_logs"`);
    await queryRunner.query(`DROP FUNCTION "platform"."audit_logs_append_only"()`);
  }
}

interface AuditedTable {
  table: string;
  entity: string;
  subject?: AuditSubject;
  options?: AuditTableOptions;
}

const CUSTOMER_ITSELF: AuditSubject = { type: 'customer', column: 'id' };
const OF_CUSTOMER: AuditSubject = { type: 'customer', column: 'customer_id' };

/** The business tables that existed when the audit log arrived; later migrations call auditTable(). */
const AUDITED_TABLES: readonly AuditedTable[] = [
  { table: 'identity.users', entity: 'user' },
  // The company row is its own tenant.
  { table: 'companies.companies', entity: 'company', options: { companyColumn: 'id' } },
  {
    table: 'companies.company_billing_details',
    entity: 'company_billing_details',
    options: { idColumn: 'company_id' },
  },
  { table: 'companies.memberships', entity: 'membership', subject: { type: 'user', column: 'user_id' } },
  { table: 'companies.invitations', entity: 'invitation' },
  { table: 'access.roles', entity: 'role' },
  // Keyed by (role_id, permission_key): the role is both the id and the subject (its timeline).
  {
    table: 'access.role_permissions',
    entity: 'role_permission',
    subject: { type: 'role', column: 'role_id' },
    options: { idColumn: 'role_id' },
  },
  { table: 'access.api_keys', entity: 'api_key' },
  // Customers (migration 1795600001000): a customer's timeline holds its own changes and its children's.
  { table: 'customers.customers', entity: 'customer', subject: CUSTOMER_ITSELF },
  { table: 'customers.customer_contact_points', entity: 'customer_contact_point', subject: OF_CUSTOMER },
  { table: 'customers.customer_addresses', entity: 'customer_address', subject: OF_CUSTOMER },
  { table: 'customers.customer_identities', entity: 'customer_identity', subject: OF_CUSTOMER },
  { table: 'customers.tags', entity: 'tag' },
  // Keyed by (customer_id, tag_id): the tag is the entity, the customer the subject.
  {
    table: 'customers.customer_tags',
    entity: 'customer_tag',
    subject: OF_CUSTOMER,
    options: { idColumn: 'tag_id' },
  },
  // Catalog (migration 1795600002000): a product's timeline holds its own changes and its prices'.
  { table: 'catalog.product_categories', entity: 'product_category' },
  { table: 'catalog.tax_rates', entity: 'tax_rate' },
  { table: 'catalog.durations', entity: 'duration' },
  { table: 'catalog.products', entity: 'product', subject: { type: 'product', column: 'id' } },
  {
    table: 'catalog.product_prices',
    entity: 'product_price',
    subject: { type: 'product', column: 'product_id' },
  },
  // Keyed by (product_price_id, min_qty): the tiers are part of their price.
  {
    table: 'catalog.price_tiers',
    entity: 'price_tier',
    subject: { type: 'product_price', column: 'product_price_id' },
    options: { idColumn: 'product_price_id' },
  },
  // Webhooks (migration 1795600003000): endpoints are configuration; deliveries and attempts are
  // high-churn technical rows, not audited.
  { table: 'platform.webhook_endpoints', entity: 'webhook_endpoint' },
  // Integrations (migration 1795600004000): provider configs (their ciphertext columns are redacted);
  // inbound events are a technical store without a version, not audited.
  { table: 'platform.provider_configs', entity: 'provider_config' },
];
