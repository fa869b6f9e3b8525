import { SettingDefinitionSet } from '@libs/core';

/**
 * Initial keys of SPEC §11.4 whose modules do not exist yet. Each moves into its own module's
 * SettingDefinitionSet when that module arrives (billing, orders, conversations); the audit module
 * declares the retention keys.
 */
export const PENDING_MODULE_SETTINGS = new SettingDefinitionSet([
  {
    key: 'billing.payment_terms_days',
    type: 'integer',
    min: 0,
    max: 365,
    default: 14,
    description: 'Days between an invoice and its due date',
  },
  {
    key: 'billing.invoice_prefix',
    type: 'string',
    pattern: '^[A-Z]{2,6}$',
    default: 'INV',
    description: 'Prefix of invoice numbers (INV-2026-000045)',
  },
  {
    key: 'orders.order_prefix',
    type: 'string',
    pattern: '^[A-Z]{2,6}$',
    default: 'ORD',
    description: 'Prefix of order numbers (ORD-2026-000123)',
  },
  {
    key: 'conversations.default_sla_policy_id',
    type: 'string',
    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    nullable: true,
    default: null,
    description: 'The SLA policy of new conversations (id); none when null',
  },
]);
