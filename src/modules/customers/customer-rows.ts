import type { AddressResponseDto } from './dto/address.dto';
import type { ContactPointResponseDto } from './dto/contact-point.dto';
import type { CustomerDetailResponseDto, CustomerResponseDto } from './dto/customer.response.dto';
import type { IdentityResponseDto } from './dto/identity.dto';
import type { TagSummaryDto } from './dto/tag.dto';

/**
 * The hand-written SQL shapes of the customers schema: which columns each response needs (API name ->
 * column), rendered either as a select list (`p.is_primary AS "isPrimary"`) or as a JSON object for
 * the correlated subselects of the one-statement detail read; and the mapping of those rows to the
 * response DTOs. One definition per table keeps RETURNING, SELECT and json_build_object in step.
 */
type Fields = Readonly<Record<string, string>>;

const AUDIT_FIELDS = {
  createdAt: 'created_at',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
  version: 'version',
} as const;

export const CUSTOMER_FIELDS: Fields = {
  id: 'id',
  kind: 'kind',
  displayName: 'display_name',
  givenName: 'given_name',
  familyName: 'family_name',
  legalName: 'legal_name',
  taxId: 'tax_id',
  website: 'website',
  organizationId: 'organization_id',
  email: 'email',
  phone: 'phone',
  tier: 'tier',
  status: 'status',
  blocked: 'blocked',
  blockedAt: 'blocked_at',
  blockedReason: 'blocked_reason',
  ownerId: 'owner_id',
  attributes: 'attributes',
  deletedAt: 'deleted_at',
  ...AUDIT_FIELDS,
};

export const CONTACT_POINT_FIELDS: Fields = {
  id: 'id',
  type: 'type',
  label: 'label',
  value: 'value',
  isPrimary: 'is_primary',
  ...AUDIT_FIELDS,
};

export const ADDRESS_FIELDS: Fields = {
  id: 'id',
  type: 'type',
  line1: 'line1',
  line2: 'line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  countryCode: 'country_code',
  isDefault: 'is_default',
  ...AUDIT_FIELDS,
};

export const IDENTITY_FIELDS: Fields = {
  id: 'id',
  channel: 'channel',
  externalId: 'external_id',
  displayName: 'display_name',
  metadata: 'metadata',
  ...AUDIT_FIELDS,
};

/** `p.is_primary AS "isPrimary", ...` (no alias: for RETURNING of a plain INSERT/UPDATE). */
export function selectList(fields: Fields, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return Object.entries(fields)
    .map(([name, column]) => `${prefix}${column} AS "${name}"`)
    .join(', ');
}

function jsonObject(fields: Fields, alias: string): string {
  return `json_build_object(${Object.entries(fields)
    .map(([name, column]) => `'${name}', ${alias}.${column}`)
    .join(', ')})`;
}

/** `json_agg` of the customer's child rows (by id: UUIDv7, so in creation order), `[]` when none. */
function childrenOf(table: string, fields: Fields, name: string): string {
  return `COALESCE((SELECT json_agg(${jsonObject(fields, 'x')} ORDER BY x.id) FROM customers.${table} x
     WHERE x.company_id = c.company_id AND x.customer_id = c.id), '[]') AS "${name}"`;
}

/** The ids of the customer's tags, sorted; `c` is the customer row. */
const TAG_IDS = `ARRAY(SELECT ct.tag_id FROM customers.customer_tags ct
     WHERE ct.customer_id = c.id ORDER BY ct.tag_id) AS "tagIds"`;

const TAGS = `COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY t.id)
     FROM customers.customer_tags ct JOIN customers.tags t ON t.company_id = ct.company_id AND t.id = ct.tag_id
     WHERE ct.customer_id = c.id), '[]') AS "tags"`;

/** What a list item needs from a customer row aliased `c`. */
export const CUSTOMER_LIST_SELECT = `${selectList(CUSTOMER_FIELDS, 'c')}, ${TAG_IDS}`;

/** Each child collection of a customer row aliased `c`, as one JSON array column named after it. */
export const CHILDREN_SELECT = {
  contactPoints: childrenOf('customer_contact_points', CONTACT_POINT_FIELDS, 'contactPoints'),
  addresses: childrenOf('customer_addresses', ADDRESS_FIELDS, 'addresses'),
  identities: childrenOf('customer_identities', IDENTITY_FIELDS, 'identities'),
} as const;
export type ChildCollection = keyof typeof CHILDREN_SELECT;

/** The whole aggregate from a customer row aliased `c`: one statement, children as JSON arrays. */
export const CUSTOMER_DETAIL_SELECT = [
  CUSTOMER_LIST_SELECT,
  CHILDREN_SELECT.contactPoints,
  CHILDREN_SELECT.addresses,
  CHILDREN_SELECT.identities,
  TAGS,
].join(',\n');

type Raw = Record<string, unknown>;

/** Rows carry Date objects; the same timestamps inside json_agg arrive as ISO strings. */
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const dateOrNull = (value: unknown): Date | null => (value === null ? null : date(value));

function audit(raw: Raw) {
  return {
    createdAt: date(raw.createdAt),
    createdBy: raw.createdBy as string | null,
    updatedAt: date(raw.updatedAt),
    updatedBy: raw.updatedBy as string | null,
    version: raw.version as number,
  };
}

export function contactPointFrom(raw: Raw): ContactPointResponseDto {
  return {
    id: raw.id as string,
    type: raw.type as ContactPointResponseDto['type'],
    label: raw.label as string | null,
    value: raw.value as string,
    isPrimary: raw.isPrimary as boolean,
    ...audit(raw),
  };
}

export function addressFrom(raw: Raw): AddressResponseDto {
  return {
    id: raw.id as string,
    type: raw.type as AddressResponseDto['type'],
    line1: raw.line1 as string,
    line2: raw.line2 as string | null,
    city: raw.city as string | null,
    region: raw.region as string | null,
    postalCode: raw.postalCode as string | null,
    countryCode: raw.countryCode as string | null,
    isDefault: raw.isDefault as boolean,
    ...audit(raw),
  };
}

export function identityFrom(raw: Raw): IdentityResponseDto {
  return {
    id: raw.id as string,
    channel: raw.channel as IdentityResponseDto['channel'],
    externalId: raw.externalId as string,
    displayName: raw.displayName as string | null,
    metadata: raw.metadata as Record<string, unknown>,
    ...audit(raw),
  };
}

export function customerFrom(raw: Raw): CustomerResponseDto {
  return {
    id: raw.id as string,
    kind: raw.kind as CustomerResponseDto['kind'],
    displayName: raw.displayName as string,
    givenName: raw.givenName as string | null,
    familyName: raw.familyName as string | null,
    legalName: raw.legalName as string | null,
    taxId: raw.taxId as string | null,
    website: raw.website as string | null,
    organizationId: raw.organizationId as string | null,
    email: raw.email as string | null,
    phone: raw.phone as string | null,
    tier: raw.tier as CustomerResponseDto['tier'],
    status: raw.status as CustomerResponseDto['status'],
    blocked: raw.blocked as boolean,
    blockedAt: dateOrNull(raw.blockedAt),
    blockedReason: raw.blockedReason as string | null,
    ownerId: raw.ownerId as string | null,
    attributes: raw.attributes as Record<string, unknown>,
    tagIds: raw.tagIds as string[],
    deletedAt: dateOrNull(raw.deletedAt),
    ...audit(raw),
  };
}

export function customerDetailFrom(raw: Raw): CustomerDetailResponseDto {
  return {
    ...customerFrom(raw),
    contactPoints: (raw.contactPoints as Raw[]).map(contactPointFrom),
    addresses: (raw.addresses as Raw[]).map(addressFrom),
    identities: (raw.identities as Raw[]).map(identityFrom),
    tags: (raw.tags as TagSummaryDto[]).map((t) => ({ id: t.id, name: t.name, color: t.color })),
  };
}
