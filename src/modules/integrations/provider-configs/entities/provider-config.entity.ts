import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const PROVIDER_TYPES = ['crm', 'billing', 'email', 'messaging'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const PROVIDERS = ['generic', 'smtp'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const TEST_RESULTS = ['succeeded', 'failed'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/**
 * A JSON object as it came from a request body (what `settings` holds). Nested values stay `object`:
 * a recursive JSON type is too deep for TypeORM's insert/update typings.
 */
export type JsonObject = Record<string, string | number | boolean | null | object>;

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * How one company talks to one external provider (SPEC §11.7): at most one active configuration per
 * type. Secrets are sealed with AES-256-GCM (SecretBox, `v1.<keyId>.…`) and bound to the row and the
 * column by their aad; both ciphertexts are never selected unless asked for (hence optional here), and their column names
 * match the audit log's redaction patterns. `encryption_key_id` repeats the key id of both, so the
 * re-encryption command finds the rows of a retired key without decrypting anything.
 */
@Entity({ schema: 'platform', name: 'provider_configs' })
@Index('uq_provider_configs_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_provider_configs_inbound_route_key', ['inboundRouteKey'], { unique: true })
@Index('uq_provider_configs_company_id_type_active', ['companyId', 'type'], {
  unique: true,
  where: 'active AND deleted_at IS NULL',
})
@Index('ix_provider_configs_company_id_created_at', ['companyId', 'createdAt'])
@Check('ck_provider_configs_type', `"type" IN (${quoted(PROVIDER_TYPES)})`)
@Check('ck_provider_configs_provider', `"provider" IN (${quoted(PROVIDERS)})`)
@Check('ck_provider_configs_name_length', `char_length("name") BETWEEN 1 AND 100`)
@Check('ck_provider_configs_settings_object', `jsonb_typeof("settings") = 'object'`)
@Check('ck_provider_configs_last_test_result', `"last_test_result" IN (${quoted(TEST_RESULTS)})`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class ProviderConfig extends TenantOwnedEntity {
  @Column({ type: 'text' })
  type: ProviderType;

  @Column({ type: 'text' })
  provider: ProviderName;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  /** The credentials object as sealed JSON (aad `provider_configs:<id>:credentials`). */
  @Column({ type: 'text', select: false })
  credentialsCiphertext?: string;

  /** The names of the credential fields (not secret): what responses show as `{<field>: "set"}`. */
  @Column({ type: 'text', array: true })
  credentialFields: string[];

  /** The `whsec_…` secret inbound webhooks are signed with, sealed (aad `provider_configs:<id>:inbound_secret`). */
  @Column({ type: 'text', select: false })
  inboundSecretCiphertext?: string;

  /** The SecretBox key id both ciphertexts are sealed with. */
  @Column({ type: 'text' })
  encryptionKeyId: string;

  /** Non-secret options of the provider (JSON object). */
  @Column({ type: 'jsonb' })
  settings: JsonObject;

  /** Random, not secret: identifies the company and configuration in `/inbound/:provider/:routeKey`. */
  @Column({ type: 'text' })
  inboundRouteKey: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastTestedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastTestResult: TestResult | null;

  @Column({ type: 'text', nullable: true })
  lastTestMessage: string | null;
}
