import { parsePermissionKey, PermissionSet } from './permission-set';

describe('PermissionSet', () => {
  it('keeps valid declarations with their parts and defaults scopable to false', () => {
    const set = new PermissionSet('customers', [
      { key: 'customers.customer.read', description: 'Read customers', scopable: true },
      { key: 'customers.contact-point.bulk-import', description: '  Import contact points  ' },
    ]);

    expect(set.domain).toBe('customers');
    expect(set.keys).toEqual(['customers.customer.read', 'customers.contact-point.bulk-import']);
    expect(set.entries).toEqual([
      {
        key: 'customers.customer.read',
        domain: 'customers',
        resource: 'customer',
        action: 'read',
        description: 'Read customers',
        scopable: true,
      },
      {
        key: 'customers.contact-point.bulk-import',
        domain: 'customers',
        resource: 'contact-point',
        action: 'bulk-import',
        description: 'Import contact points',
        scopable: false,
      },
    ]);
  });

  it('is immutable', () => {
    const set = new PermissionSet('crm', [{ key: 'crm.lead.read', description: 'Read leads' }]);

    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.entries)).toBe(true);
    expect(Object.isFrozen(set.entries[0])).toBe(true);
  });

  it.each([
    ['two parts', 'crm.lead'],
    ['four parts', 'crm.lead.note.read'],
    ['upper case', 'crm.Lead.read'],
    ['snake case', 'crm.lead_note.read'],
    ['a digit', 'crm.lead2.read'],
    ['a leading dash', 'crm.-lead.read'],
    ['a trailing dash', 'crm.lead.read-'],
    ['a double dash', 'crm.lead--note.read'],
    ['an empty part', 'crm..read'],
    ['spaces', 'crm.lead .read'],
    ['a kebab domain', 'crm-x.lead.read'],
  ])('rejects a key with %s', (_label, key) => {
    expect(() => new PermissionSet('crm', [{ key, description: 'x' }])).toThrow(
      `PermissionSet "crm" entry 0: key "${key}" must look like <domain>.<resource>.<action>`,
    );
  });

  it('rejects a key of another domain', () => {
    expect(() => new PermissionSet('crm', [{ key: 'billing.invoice.read', description: 'x' }])).toThrow(
      'PermissionSet "crm" entry 0: key "billing.invoice.read" must start with its domain "crm."',
    );
  });

  it('rejects a key declared twice, naming the second entry', () => {
    expect(
      () =>
        new PermissionSet('crm', [
          { key: 'crm.lead.read', description: 'a' },
          { key: 'crm.lead.read', description: 'b' },
        ]),
    ).toThrow('PermissionSet "crm" entry 1: key "crm.lead.read" is declared twice');
  });

  it('rejects an empty description', () => {
    expect(() => new PermissionSet('crm', [{ key: 'crm.lead.read', description: '   ' }])).toThrow(
      'key "crm.lead.read" needs a description',
    );
  });

  it.each(['', 'CRM', 'crm-x', 'crm.x', 'crm1'])('rejects the domain %j', (domain) => {
    expect(() => new PermissionSet(domain, [])).toThrow('must be one lowercase word');
  });
});

describe('parsePermissionKey', () => {
  it('splits a key into domain, resource and action', () => {
    expect(parsePermissionKey('access.api-key.manage')).toEqual({
      domain: 'access',
      resource: 'api-key',
      action: 'manage',
    });
  });

  it('answers null for a malformed key', () => {
    expect(parsePermissionKey('access.api_key.manage')).toBeNull();
  });
});
