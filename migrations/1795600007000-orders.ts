import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTable, dropAuditTable } from '@libs/persistence';

/**
 * Schema `sales` (SPEC §7): orders with their lines and status history, and the subscription contracts
 * confirmed orders create. Also `platform.document_sequences`, the per-company counters of document
 * numbers (SPEC §1) behind DocumentNumbers of @libs/persistence, which billing reuses.
 *
 * Tenant tables reference each other, the customer, the product and the duration with composite
 * foreign keys (company_id, x_id) -> parent(company_id, id). Written by hand: the schema, the GIN
 * (jsonb_path_ops) index of orders.external_refs, and the audit triggers (orders and contracts are
 * about their customer, lines about their order). The status history is append-only and the counters
 * are bookkeeping: neither is audited (the order's own audit row records each status change).
 */
export class Orders1795600007000 implements MigrationInterface {
  name = 'Orders1795600007000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "sales"`);
    await queryRunner.query(`
            CREATE TABLE "platform"."document_sequences" (
                "company_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "period" text NOT NULL,
                "next_value" bigint NOT NULL DEFAULT '1',
                CONSTRAINT "ck_document_sequences_next_value" CHECK ("next_value" >= 1),
                CONSTRAINT "pk_document_sequences" PRIMARY KEY ("company_id", "kind", "period")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sales"."contracts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "order_item_id" uuid,
                "customer_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "duration_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "months" integer NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "renewal_date" date NOT NULL,
                "status" text NOT NULL,
                "bands" jsonb NOT NULL,
                "gross" numeric(19, 2) NOT NULL,
                "discount" numeric(19, 2) NOT NULL,
                "subtotal" numeric(19, 2) NOT NULL,
                "tax" numeric(19, 2) NOT NULL,
                "total" numeric(19, 2) NOT NULL,
                "activated_at" TIMESTAMP(3) WITH TIME ZONE,
                "terminated_at" TIMESTAMP(3) WITH TIME ZONE,
                "termination_reason" text,
                "previous_contract_id" uuid,
                CONSTRAINT "ck_contracts_not_own_previous" CHECK (
                    "previous_contract_id" IS DISTINCT
                    FROM "id"
                ),
                CONSTRAINT "ck_contracts_termination_reason_length" CHECK (
                    char_length("termination_reason") BETWEEN 1 AND 500
                ),
                CONSTRAINT "ck_contracts_term" CHECK (
                    "end_date" > "start_date"
                    AND "renewal_date" = "end_date"
                ),
                CONSTRAINT "ck_contracts_months" CHECK (
                    "months" BETWEEN 1 AND 120
                ),
                CONSTRAINT "ck_contracts_quantity" CHECK (
                    "quantity" BETWEEN 1 AND 1000000
                ),
                CONSTRAINT "ck_contracts_status" CHECK (
                    "status" IN ('pending', 'active', 'expired', 'terminated')
                ),
                CONSTRAINT "pk_contracts" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contracts_company_id_created_at_id" ON "sales"."contracts" ("company_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contracts_company_id_order_id" ON "sales"."contracts" ("company_id", "order_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contracts_company_id_customer_id" ON "sales"."contracts" ("company_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contracts_company_id_status_start_date" ON "sales"."contracts" ("company_id", "status", "start_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contracts_company_id_status_end_date" ON "sales"."contracts" ("company_id", "status", "end_date")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_contracts_company_id_previous_contract_id" ON "sales"."contracts" ("company_id", "previous_contract_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_contracts_company_id_order_item_id" ON "sales"."contracts" ("company_id", "order_item_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_contracts_company_id_id" ON "sales"."contracts" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sales"."order_status_history" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "from_status" text NOT NULL,
                "to_status" text NOT NULL,
                "reason" text,
                "actor_type" text NOT NULL,
                "actor_id" uuid,
                "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_order_status_history_reason_length" CHECK (
                    char_length("reason") BETWEEN 1 AND 500
                ),
                CONSTRAINT "ck_order_status_history_actor_type" CHECK ("actor_type" IN ('user', 'api_key', 'system')),
                CONSTRAINT "ck_order_status_history_to_status" CHECK (
                    "to_status" IN (
                        'draft',
                        'submitted',
                        'confirmed',
                        'fulfilled',
                        'completed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "ck_order_status_history_from_status" CHECK (
                    "from_status" IN (
                        'draft',
                        'submitted',
                        'confirmed',
                        'fulfilled',
                        'completed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "pk_order_status_history" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_order_status_history_company_id_order_id_at" ON "sales"."order_status_history" ("company_id", "order_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "sales"."order_items" (
                "id" uuid NOT NULL,
                "company_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "product_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "duration_id" uuid,
                "start_date" date,
                "discount_percent" numeric(5, 2) NOT NULL DEFAULT '0',
                "sku" text NOT NULL,
                "name" text NOT NULL,
                "product_type" text NOT NULL,
                "tier_mode" text NOT NULL,
                "bands" jsonb NOT NULL,
                "months" integer NOT NULL,
                "duration_discount_percent" numeric(5, 2) NOT NULL,
                "gross" numeric(19, 2) NOT NULL,
                "discount_amount" numeric(19, 2) NOT NULL,
                "subtotal" numeric(19, 2) NOT NULL,
                "tax_rate_percent" numeric(6, 3) NOT NULL,
                "tax_inclusive" boolean NOT NULL,
                "tax_amount" numeric(19, 2) NOT NULL,
                "total" numeric(19, 2) NOT NULL,
                "unit_price_effective" numeric(19, 4) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                CONSTRAINT "ck_order_items_months" CHECK (
                    "months" BETWEEN 1 AND 120
                ),
                CONSTRAINT "ck_order_items_tier_mode" CHECK ("tier_mode" IN ('graduated', 'volume')),
                CONSTRAINT "ck_order_items_product_type" CHECK (
                    "product_type" IN ('good', 'service', 'subscription')
                ),
                CONSTRAINT "ck_order_items_discount_percent" CHECK (
                    "discount_percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "ck_order_items_quantity" CHECK (
                    "quantity" BETWEEN 1 AND 1000000
                ),
                CONSTRAINT "ck_order_items_position" CHECK ("position" >= 1),
                CONSTRAINT "pk_order_items" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_order_items_company_id_product_id" ON "sales"."order_items" ("company_id", "product_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_order_items_company_id_order_id_position" ON "sales"."order_items" ("company_id", "order_id", "position")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_order_items_company_id_id" ON "sales"."order_items" ("company_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sales"."orders" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" uuid,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "company_id" uuid NOT NULL,
                "number" text,
                "customer_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "notes" text,
                "external_refs" jsonb NOT NULL DEFAULT '{}',
                "subtotal" numeric(19, 2) NOT NULL DEFAULT '0',
                "discount_total" numeric(19, 2) NOT NULL DEFAULT '0',
                "tax_total" numeric(19, 2) NOT NULL DEFAULT '0',
                "total" numeric(19, 2) NOT NULL DEFAULT '0',
                "submitted_at" TIMESTAMP(3) WITH TIME ZONE,
                "confirmed_at" TIMESTAMP(3) WITH TIME ZONE,
                "fulfilled_at" TIMESTAMP(3) WITH TIME ZONE,
                "completed_at" TIMESTAMP(3) WITH TIME ZONE,
                "cancelled_at" TIMESTAMP(3) WITH TIME ZONE,
                "cancel_reason" text,
                CONSTRAINT "ck_orders_number_once_submitted" CHECK (
                    "number" IS NOT NULL
                    OR "status" IN ('draft', 'cancelled')
                ),
                CONSTRAINT "ck_orders_cancel_reason_length" CHECK (
                    char_length("cancel_reason") BETWEEN 1 AND 500
                ),
                CONSTRAINT "ck_orders_notes_length" CHECK (char_length("notes") <= 5000),
                CONSTRAINT "ck_orders_status" CHECK (
                    "status" IN (
                        'draft',
                        'submitted',
                        'confirmed',
                        'fulfilled',
                        'completed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "pk_orders" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_orders_company_id_submitted_at_id" ON "sales"."orders" ("company_id", "submitted_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_orders_company_id_created_at_id" ON "sales"."orders" ("company_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_orders_company_id_customer_id_created_at" ON "sales"."orders" ("company_id", "customer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_orders_company_id_status_created_at_id" ON "sales"."orders" ("company_id", "status", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_orders_company_id_number" ON "sales"."orders" ("company_id", "number")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_orders_company_id_id" ON "sales"."orders" ("company_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."document_sequences"
            ADD CONSTRAINT "fk_document_sequences_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_currency" FOREIGN KEY ("currency") REFERENCES "ref"."currencies"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_previous_contract_id" FOREIGN KEY ("company_id", "previous_contract_id") REFERENCES "sales"."contracts"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_duration_id" FOREIGN KEY ("company_id", "duration_id") REFERENCES "catalog"."durations"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_product_id" FOREIGN KEY ("company_id", "product_id") REFERENCES "catalog"."products"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_order_item_id" FOREIGN KEY ("company_id", "order_item_id") REFERENCES "sales"."order_items"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id_order_id" FOREIGN KEY ("company_id", "order_id") REFERENCES "sales"."orders"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts"
            ADD CONSTRAINT "fk_contracts_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_status_history"
            ADD CONSTRAINT "fk_order_status_history_company_id_order_id" FOREIGN KEY ("company_id", "order_id") REFERENCES "sales"."orders"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_status_history"
            ADD CONSTRAINT "fk_order_status_history_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items"
            ADD CONSTRAINT "fk_order_items_company_id_duration_id" FOREIGN KEY ("company_id", "duration_id") REFERENCES "catalog"."durations"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items"
            ADD CONSTRAINT "fk_order_items_company_id_product_id" FOREIGN KEY ("company_id", "product_id") REFERENCES "catalog"."products"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items"
            ADD CONSTRAINT "fk_order_items_company_id_order_id" FOREIGN KEY ("company_id", "order_id") REFERENCES "sales"."orders"("company_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items"
            ADD CONSTRAINT "fk_order_items_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders"
            ADD CONSTRAINT "fk_orders_currency" FOREIGN KEY ("currency") REFERENCES "ref"."currencies"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders"
            ADD CONSTRAINT "fk_orders_company_id_customer_id" FOREIGN KEY ("company_id", "customer_id") REFERENCES "customers"."customers"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders"
            ADD CONSTRAINT "fk_orders_company_id" FOREIGN KEY ("company_id") REFERENCES "companies"."companies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_orders_external_refs" ON "sales"."orders" USING gin ("external_refs" jsonb_path_ops)
        `);
    for (const { table, entity, subject } of AUDITED_TABLES) {
      await auditTable(queryRunner, table, entity, subject);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of [...AUDITED_TABLES].reverse()) await dropAuditTable(queryRunner, table);
    await queryRunner.query(`DROP INDEX "sales"."ix_orders_external_refs"`);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders" DROP CONSTRAINT "fk_orders_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders" DROP CONSTRAINT "fk_orders_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."orders" DROP CONSTRAINT "fk_orders_currency"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items" DROP CONSTRAINT "fk_order_items_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items" DROP CONSTRAINT "fk_order_items_company_id_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items" DROP CONSTRAINT "fk_order_items_company_id_product_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_items" DROP CONSTRAINT "fk_order_items_company_id_duration_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_status_history" DROP CONSTRAINT "fk_order_status_history_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."order_status_history" DROP CONSTRAINT "fk_order_status_history_company_id_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_order_item_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_customer_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_product_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_duration_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_company_id_previous_contract_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sales"."contracts" DROP CONSTRAINT "fk_contracts_currency"
        `);
    await queryRunner.query(`
            ALTER TABLE "platform"."document_sequences" DROP CONSTRAINT "fk_document_sequences_company_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_orders_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_orders_company_id_number"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_orders_company_id_status_created_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_orders_company_id_customer_id_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_orders_company_id_created_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_orders_company_id_submitted_at_id"
        `);
    await queryRunner.query(`
            DROP TABLE "sales"."orders"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_order_items_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_order_items_company_id_order_id_position"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_order_items_company_id_product_id"
        `);
    await queryRunner.query(`
            DROP TABLE "sales"."order_items"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_order_status_history_company_id_order_id_at"
        `);
    await queryRunner.query(`
            DROP TABLE "sales"."order_status_history"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_contracts_company_id_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_contracts_company_id_order_item_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."uq_contracts_company_id_previous_contract_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_contracts_company_id_status_end_date"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_contracts_company_id_status_start_date"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_contracts_company_id_customer_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_contracts_company_id_order_id"
        `);
    await queryRunner.query(`
            DROP INDEX "sales"."ix_contracts_company_id_created_at_id"
        `);
    await queryRunner.query(`
            DROP TABLE "sales"."contracts"
        `);
    await queryRunner.query(`
            DROP TABLE "platform"."document_sequences"
        `);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "sales"`);
  }
}

const AUDITED_TABLES = [
  { table: 'sales.orders', entity: 'order', subject: { type: 'customer', column: 'customer_id' } },
  { table: 'sales.order_items', entity: 'order_item', subject: { type: 'order', column: 'order_id' } },
  { table: 'sales.contracts', entity: 'contract', subject: { type: 'customer', column: 'customer_id' } },
] as const;
