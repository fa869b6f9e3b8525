import type { PermissionScope } from '@libs/core';
import { escalatingKeys } from './access.service';

describe('escalatingKeys (privilege escalation)', () => {
  const granter = new Map<string, PermissionScope>([
    ['crm.lead.read', 'own'],
    ['crm.note.read', 'all'],
  ]);

  it('allows what the granter holds, with the same or a narrower scope', () => {
    expect(
      escalatingKeys(
        [
          { key: 'crm.lead.read', scope: 'own' },
          { key: 'crm.note.read', scope: 'all' },
        ],
        granter,
      ),
    ).toEqual([]);
    expect(escalatingKeys([], new Map())).toEqual([]);
  });

  it('names keys the granter lacks and scopes wider than its own', () => {
    expect(
      escalatingKeys(
        [
          { key: 'crm.lead.read', scope: 'all' },
          { key: 'crm.note.read', scope: 'own' },
          { key: 'access.role.manage', scope: 'all' },
        ],
        granter,
      ),
    ).toEqual(['crm.lead.read', 'access.role.manage']);
  });
});
