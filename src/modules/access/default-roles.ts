import type { PermissionScope } from '@libs/core';
import type { SystemRoleKey } from './entities/role.entity';

/**
 * One rule of a system role's default grants. `match` is a key pattern: `*` stands for one whole part
 * (`*.read`, `catalog.*.read`), and a pattern of fewer than three parts ending in `*` covers the rest
 * (`customers.*` = every key of customers, `*` = every key). The first rule that matches a key
 * decides: `deny` rules carve exceptions out of the broader rules after them.
 */
export interface GrantRule {
  match: string;
  deny?: boolean;
  /** `own` is granted only on scopable keys; on other keys the rule grants nothing (fail safe). */
  scope?: PermissionScope;
}

export interface SystemRoleDefinition {
  key: SystemRoleKey;
  name: string;
  description: string;
  rules: readonly GrantRule[];
}

const grant = (...matches: string[]): GrantRule[] => matches.map((match) => ({ match }));
const own = (...matches: string[]): GrantRule[] => matches.map((match) => ({ match, scope: 'own' as const }));
const deny = (...matches: string[]): GrantRule[] => matches.map((match) => ({ match, deny: true }));

/**
 * The seven system roles of every company and their default permission sets (SPEC §4). Defined by
 * patterns over the catalogue, so keys declared later by new modules are granted automatically at the
 * next start-up. Keys named here that no module declares yet simply match nothing.
 */
export const SYSTEM_ROLES: readonly SystemRoleDefinition[] = [
  {
    key: 'owner',
    name: 'Owner',
    description: 'Every permission, including keys added later; cannot be changed',
    rules: grant('*'),
  },
  {
    key: 'admin',
    name: 'Admin',
    description: 'Every permission; only owners grant or revoke the owner role',
    rules: grant('*'),
  },
  {
    key: 'manager',
    name: 'Manager',
    description: 'Runs customers, catalog, orders, CRM and conversations; reads the rest',
    rules: [
      ...grant('platform.file.*'),
      ...deny('access.*', 'platform.*'),
      ...grant('customers.*', 'catalog.*', 'orders.*', 'crm.*', 'conversations.*', '*.*.read'),
    ],
  },
  {
    key: 'sales',
    name: 'Sales',
    description: 'Customers, quotes and orders; own leads and activities',
    rules: [
      ...grant('customers.customer.*', 'customers.tag.*', 'catalog.*.read', 'catalog.pricing.quote'),
      ...grant('orders.order.read', 'orders.order.write', 'orders.order.submit', 'orders.order.cancel'),
      ...grant('orders.contract.read'),
      ...own('crm.lead.*', 'crm.activity.*'),
      ...grant('crm.note.read', 'crm.note.write', 'platform.file.*'),
    ],
  },
  {
    key: 'agent',
    name: 'Agent',
    description: 'Support inbox: own conversations, customers',
    rules: [
      ...grant('customers.customer.read', 'customers.customer.write', 'customers.tag.read'),
      ...own(
        'conversations.conversation.read',
        'conversations.conversation.update',
        'conversations.conversation.assign',
        'conversations.canned-response.write',
      ),
      ...grant(
        'conversations.conversation.create',
        'conversations.message.send',
        'conversations.note.write',
        'conversations.canned-response.read',
        'conversations.team.read',
        'conversations.inbox.read',
        'conversations.sla.read',
        'conversations.business-hours.read',
        'platform.file.*',
      ),
    ],
  },
  {
    key: 'finance',
    name: 'Finance',
    description: 'Billing; reads orders, customers and the catalog',
    rules: grant(
      'billing.*',
      'orders.order.read',
      'orders.order.confirm',
      'orders.contract.*',
      'customers.customer.read',
      'catalog.*.read',
      'catalog.pricing.quote',
    ),
  },
  {
    key: 'viewer',
    name: 'Viewer',
    description: 'Reads everything except access control and platform internals',
    rules: [
      ...deny(
        'access.*',
        'platform.audit.read',
        'platform.webhook.read',
        'platform.provider.read',
        'platform.inbound-event.read',
        'platform.email.read',
      ),
      ...grant('*.*.read'),
    ],
  },
];

export const SYSTEM_ROLE_BY_KEY: ReadonlyMap<SystemRoleKey, SystemRoleDefinition> = new Map(
  SYSTEM_ROLES.map((role) => [role.key, role]),
);

/** Whether `key` (`a.b.c`) matches `pattern` (see GrantRule). */
export function matchesPattern(pattern: string, key: string): boolean {
  const keyParts = key.split('.');
  const patternParts = pattern.split('.');
  if (patternParts.length > keyParts.length) return false;
  if (patternParts.length < keyParts.length) {
    if (patternParts[patternParts.length - 1] !== '*') return false;
    while (patternParts.length < keyParts.length) patternParts.push('*');
  }
  return patternParts.every((part, i) => part === '*' || part === keyParts[i]);
}

/** The scope a role's rules grant on one catalogue entry, or null when they grant nothing. */
export function grantOf(
  rules: readonly GrantRule[],
  entry: { key: string; scopable: boolean },
): PermissionScope | null {
  const rule = rules.find((r) => matchesPattern(r.match, entry.key));
  if (!rule || rule.deny) return null;
  const scope = rule.scope ?? 'all';
  if (scope === 'own' && !entry.scopable) return null;
  return scope;
}

/** A role's default permission set over a catalogue: key -> scope. */
export function defaultGrants(
  rules: readonly GrantRule[],
  catalogue: ReadonlyArray<{ key: string; scopable: boolean }>,
): Map<string, PermissionScope> {
  const grants = new Map<string, PermissionScope>();
  for (const entry of catalogue) {
    const scope = grantOf(rules, entry);
    if (scope) grants.set(entry.key, scope);
  }
  return grants;
}

/** Role names normalise to keys: trim, collapse spaces, UPPER_SNAKE (`Sales lead` -> `SALES_LEAD`). */
export function normalizeRoleName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export function roleKeyOf(name: string): string {
  return normalizeRoleName(name)
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** Keys no custom role may take: the system roles' and the installation-level ones. */
export const RESERVED_ROLE_KEYS: ReadonlySet<string> = new Set([
  ...SYSTEM_ROLES.map((r) => r.key.toUpperCase()),
  'SUPER_ADMIN',
  'PLATFORM_ADMIN',
]);
