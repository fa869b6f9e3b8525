import { SettingDefinitionSet } from '@libs/core';

export const AUDIT_RETENTION_DAYS = 'platform.audit_retention_days';
export const LOG_RETENTION_DAYS = 'platform.log_retention_days';

/** Retention of the platform's logs (SPEC §11.4); the daily purge reads them. */
export const AUDIT_SETTINGS = new SettingDefinitionSet([
  {
    key: AUDIT_RETENTION_DAYS,
    type: 'integer',
    min: 30,
    max: 3650,
    default: 365,
    description: 'Days an audit log row is kept before the daily purge deletes it',
  },
  {
    key: LOG_RETENTION_DAYS,
    type: 'integer',
    min: 7,
    max: 365,
    default: 90,
    // Technical logs (deliveries, auth events, idempotency keys) are kept per installation.
    companyOverridable: false,
    description: 'Days technical logs (e-mail deliveries, inbound events, auth events) are kept',
  },
]);
