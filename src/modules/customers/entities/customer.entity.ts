import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const CUSTOMER_KINDS = ['person', 'business'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export const CUSTOMER_STATUSES = ['active', 'inactive'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/**
 * A client of the company: a person or a business (a person may belong to a business through
 * `organization_id`). `email` and `phone` mirror the primary contact points of those types. Rows are
 * soft-deleted; their contact points, addresses, identities and tag links stay.
 *
 * The trigram indexes (`q` on display_name, email, phone) and the jsonb_path_ops index on attributes
 * use operator classes TypeORM cannot describe: the migration owns them (`synchronize: false`).
 */
@Entity({ schema: 'customers', name: 'customers' })
@Index('uq_customers_company_id_id', ['companyId', 'id'], { unique: true })
@Index('ix_customers_company_id_display_name_id', ['companyId', 'displayName', 'id'])
@Index('ix_customers_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Index('ix_customers_company_id_updated_at_id', ['companyId', 'updatedAt', 'id'])
@Index('ix_customers_company_id_owner_id', ['companyId', 'ownerId'])
@Index('ix_customers_company_id_organization_id', ['companyId', 'organizationId'])
@Index('ix_customers_display_name_trgm', { synchronize: false })
@Index('ix_customers_email_trgm', { synchronize: false })
@Index('ix_customers_phone_trgm', { synchronize: false })
@Index('ix_customers_attributes', { synchronize: false })
@Check('ck_customers_kind', `"kind" IN ('person', 'business')`)
@Check('ck_customers_tier', `"tier" IN ('standard', 'silver', 'gold', 'platinum')`)
@Check('ck_customers_status', `"status" IN ('active', 'inactive')`)
@Check('ck_customers_display_name_length', `char_length("display_name") BETWEEN 1 AND 200`)
@Check(
  'ck_customers_person_fields',
  `"kind" = 'person' OR ("given_name" IS NULL AND "family_name" IS NULL AND "organization_id" IS NULL)`,
)
@Check(
  'ck_customers_business_fields',
  `"kind" = 'business' OR ("legal_name" IS NULL AND "tax_id" IS NULL AND "website" IS NULL)`,
)
@Check('ck_customers_organization_not_self', `"organization_id" <> "id"`)
@Check(
  'ck_customers_blocked',
  `("blocked" AND "blocked_at" IS NOT NULL) OR (NOT "blocked" AND "blocked_at" IS NULL AND "blocked_reason" IS NULL)`,
)
@Check('ck_customers_attributes_object', `jsonb_typeof("attributes") = 'object'`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'organizationId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class Customer extends TenantOwnedEntity {
  @Column({ type: 'text' })
  kind: CustomerKind;

  @Column({ type: 'text' })
  displayName: string;

  /** Persons only. */
  @Column({ type: 'text', nullable: true })
  givenName: string | null;

  /** Persons only. */
  @Column({ type: 'text', nullable: true })
  familyName: string | null;

  /** Businesses only. */
  @Column({ type: 'text', nullable: true })
  legalName: string | null;

  /** Businesses only. */
  @Column({ type: 'text', nullable: true })
  taxId: string | null;

  /** Businesses only. */
  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** The business a person belongs to (same company, never itself). */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  /** The value of the primary e-mail contact point (lower-cased). */
  @Column({ type: 'citext', nullable: true })
  email: string | null;

  /** The value of the primary phone contact point (E.164). */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', default: 'standard' })
  tier: CustomerTier;

  @Column({ type: 'text', default: 'active' })
  status: CustomerStatus;

  @Column({ type: 'boolean', default: false })
  blocked: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  blockedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  blockedReason: string | null;

  /** The member responsible for the customer (scope `own` of customers.customer.*). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  ownerId: string | null;

  /** Open-ended attributes: an object of at most 16 KB, keys `^[a-zA-Z][a-zA-Z0-9_]{0,63}$`. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  attributes: Record<string, unknown>;
}
