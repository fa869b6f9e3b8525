import {
  defaultGrants,
  grantOf,
  matchesPattern,
  roleKeyOf,
  SYSTEM_ROLE_BY_KEY,
  SYSTEM_ROLES,
} from './default-roles';
import type { SystemRoleKey } from './entities/role.entity';

/** A catalogue shaped like SPEC's endpoint tables (scopable keys per SPEC §4). */
const SCOPABLE = new Set([
  'customers.customer.read',
  'customers.customer.write',
  'crm.lead.read',
  'crm.lead.write',
  'crm.lead.transition',
  'crm.activity.read',
  'crm.activity.write',
  'conversations.conversation.read',
  'conversations.conversation.update',
  'conversations.conversation.assign',
  'conversations.canned-response.write',
]);
const CATALOGUE = [
  'access.role.read',
  'access.role.manage',
  'access.api-key.read',
  'access.api-key.manage',
  'companies.company.read',
  'companies.company.update',
  'companies.member.read',
  'companies.member.manage',
  'companies.invitation.read',
  'companies.invitation.manage',
  'customers.customer.read',
  'customers.customer.write',
  'customers.customer.delete',
  'customers.tag.read',
  'customers.tag.write',
  'catalog.product.read',
  'catalog.product.write',
  'catalog.pricing.quote',
  'orders.order.read',
  'orders.order.write',
  'orders.order.submit',
  'orders.order.cancel',
  'orders.order.confirm',
  'orders.contract.read',
  'orders.contract.write',
  'crm.lead.read',
  'crm.lead.write',
  'crm.lead.transition',
  'crm.lead.delete',
  'crm.activity.read',
  'crm.activity.write',
  'crm.note.read',
  'crm.note.write',
  'billing.invoice.read',
  'billing.invoice.write',
  'billing.payment.write',
  'conversations.conversation.read',
  'conversations.conversation.update',
  'conversations.conversation.assign',
  'conversations.conversation.create',
  'conversations.message.send',
  'conversations.note.write',
  'conversations.canned-response.read',
  'conversations.canned-response.write',
  'conversations.inbox.read',
  'conversations.inbox.manage',
  'conversations.team.read',
  'platform.file.read',
  'platform.file.write',
  'platform.audit.read',
  'platform.webhook.read',
  'platform.webhook.manage',
  'platform.setting.read',
].map((key) => ({ key, scopable: SCOPABLE.has(key) }));

const grantsOf = (role: SystemRoleKey) =>
  Object.fromEntries(defaultGrants(SYSTEM_ROLE_BY_KEY.get(role)!.rules, CATALOGUE));

describe('matchesPattern', () => {
  it.each([
    ['*', 'crm.lead.read', true],
    ['crm.*', 'crm.lead.read', true],
    ['crm.*', 'crmx.lead.read', false],
    ['crm.lead.*', 'crm.lead.read', true],
    ['crm.lead.*', 'crm.leads.read', false],
    ['*.*.read', 'crm.lead.read', true],
    ['*.*.read', 'crm.lead.reads', false],
    ['catalog.*.read', 'catalog.product.read', true],
    ['catalog.*.read', 'catalog.product.write', false],
    ['crm.lead.read', 'crm.lead.read', true],
    ['crm.lead', 'crm.lead.read', false],
    ['crm.lead.read.x', 'crm.lead.read', false],
  ])('%s vs %s -> %s', (pattern, key, expected) => {
    expect(matchesPattern(pattern, key)).toBe(expected);
  });
});

describe('grantOf', () => {
  it('lets the first matching rule decide, so deny rules carve out exceptions', () => {
    const rules = [{ match: 'platform.file.*' }, { match: 'platform.*', deny: true }, { match: '*.*.read' }];

    expect(grantOf(rules, { key: 'platform.file.read', scopable: false })).toBe('all');
    expect(grantOf(rules, { key: 'platform.audit.read', scopable: false })).toBeNull();
    expect(grantOf(rules, { key: 'crm.lead.read', scopable: true })).toBe('all');
    expect(grantOf(rules, { key: 'crm.lead.write', scopable: true })).toBeNull();
  });

  it('grants `own` only on scopable keys and nothing on others (never widened to all)', () => {
    const rules = [{ match: 'crm.lead.*', scope: 'own' as const }];

    expect(grantOf(rules, { key: 'crm.lead.read', scopable: true })).toBe('own');
    expect(grantOf(rules, { key: 'crm.lead.delete', scopable: false })).toBeNull();
  });
});

describe('system roles', () => {
  it('are the seven of SPEC §4', () => {
    expect(SYSTEM_ROLES.map((r) => r.key)).toEqual([
      'owner',
      'admin',
      'manager',
      'sales',
      'agent',
      'finance',
      'viewer',
    ]);
  });

  it('owner and admin get every key with scope all, including keys of modules added later', () => {
    const later = [...CATALOGUE, { key: 'inventory.stock.adjust', scopable: false }];
    for (const role of ['owner', 'admin'] as const) {
      const grants = defaultGrants(SYSTEM_ROLE_BY_KEY.get(role)!.rules, later);
      expect(grants.size).toBe(later.length);
      expect([...grants.values()].every((scope) => scope === 'all')).toBe(true);
    }
  });

  it('viewer reads everything except access control and platform internals, and writes nothing', () => {
    expect(Object.keys(grantsOf('viewer')).sort()).toEqual(
      [
        'billing.invoice.read',
        'catalog.product.read',
        'companies.company.read',
        'companies.invitation.read',
        'companies.member.read',
        'conversations.canned-response.read',
        'conversations.conversation.read',
        'conversations.inbox.read',
        'conversations.team.read',
        'crm.activity.read',
        'crm.lead.read',
        'crm.note.read',
        'customers.customer.read',
        'customers.tag.read',
        'orders.contract.read',
        'orders.order.read',
        'platform.file.read',
        'platform.setting.read',
      ].sort(),
    );
  });

  it('viewer automatically reads a module added later', () => {
    const grants = defaultGrants(SYSTEM_ROLE_BY_KEY.get('viewer')!.rules, [
      { key: 'inventory.stock.read', scopable: false },
      { key: 'inventory.stock.adjust', scopable: false },
    ]);
    expect([...grants.keys()]).toEqual(['inventory.stock.read']);
  });

  it('manager runs the business domains, reads the rest, never access, billing writes or member management', () => {
    const grants = grantsOf('manager');

    expect(grants).toMatchObject({
      'customers.customer.delete': 'all',
      'catalog.product.write': 'all',
      'orders.order.confirm': 'all',
      'crm.lead.delete': 'all',
      'conversations.inbox.manage': 'all',
      'platform.file.write': 'all',
      'billing.invoice.read': 'all',
      'companies.member.read': 'all',
    });
    for (const key of [
      'access.role.read',
      'access.role.manage',
      'billing.invoice.write',
      'billing.payment.write',
      'companies.member.manage',
      'companies.invitation.manage',
      'companies.company.update',
      'platform.audit.read',
      'platform.webhook.manage',
    ]) {
      expect(grants[key]).toBeUndefined();
    }
  });

  it('sales: customers, catalog reads and quotes, orders, own leads and activities', () => {
    expect(grantsOf('sales')).toEqual({
      'customers.customer.read': 'all',
      'customers.customer.write': 'all',
      'customers.customer.delete': 'all',
      'customers.tag.read': 'all',
      'customers.tag.write': 'all',
      'catalog.product.read': 'all',
      'catalog.pricing.quote': 'all',
      'orders.order.read': 'all',
      'orders.order.write': 'all',
      'orders.order.submit': 'all',
      'orders.order.cancel': 'all',
      'orders.contract.read': 'all',
      'crm.lead.read': 'own',
      'crm.lead.write': 'own',
      'crm.lead.transition': 'own',
      'crm.activity.read': 'own',
      'crm.activity.write': 'own',
      'crm.note.read': 'all',
      'crm.note.write': 'all',
      'platform.file.read': 'all',
      'platform.file.write': 'all',
    });
  });

  it('agent: own conversations, customers read/write, inbox and team reads', () => {
    expect(grantsOf('agent')).toEqual({
      'customers.customer.read': 'all',
      'customers.customer.write': 'all',
      'customers.tag.read': 'all',
      'conversations.conversation.read': 'own',
      'conversations.conversation.update': 'own',
      'conversations.conversation.assign': 'own',
      'conversations.conversation.create': 'all',
      'conversations.message.send': 'all',
      'conversations.note.write': 'all',
      'conversations.canned-response.read': 'all',
      'conversations.canned-response.write': 'own',
      'conversations.inbox.read': 'all',
      'conversations.team.read': 'all',
      'platform.file.read': 'all',
      'platform.file.write': 'all',
    });
  });

  it('finance: billing, order reads and confirmation, contracts, customer and catalog reads', () => {
    expect(grantsOf('finance')).toEqual({
      'billing.invoice.read': 'all',
      'billing.invoice.write': 'all',
      'billing.payment.write': 'all',
      'orders.order.read': 'all',
      'orders.order.confirm': 'all',
      'orders.contract.read': 'all',
      'orders.contract.write': 'all',
      'customers.customer.read': 'all',
      'catalog.product.read': 'all',
      'catalog.pricing.quote': 'all',
    });
  });
});

describe('roleKeyOf', () => {
  it.each([
    ['Sales lead', 'SALES_LEAD'],
    ['  sales   lead  ', 'SALES_LEAD'],
    ['Sales-Lead (EU)', 'SALES_LEAD_EU'],
    ['owner', 'OWNER'],
    ['Équipe 2', 'ÉQUIPE_2'],
    ['--', ''],
  ])('%j -> %j', (name, key) => {
    expect(roleKeyOf(name)).toBe(key);
  });
});
