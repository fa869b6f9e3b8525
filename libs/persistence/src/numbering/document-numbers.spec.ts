import { formatDocumentNumber } from './document-numbers';

describe('formatDocumentNumber', () => {
  it('is <prefix>-<period>-<6 digits> (SPEC §1)', () => {
    expect(formatDocumentNumber('ORD', '2026', 123)).toBe('ORD-2026-000123');
    expect(formatDocumentNumber('INV', '2026', 1)).toBe('INV-2026-000001');
    expect(formatDocumentNumber('SO', '2027', 999_999)).toBe('SO-2027-999999');
  });

  it('grows past 6 digits rather than wrapping', () => {
    expect(formatDocumentNumber('ORD', '2026', 1_000_000)).toBe('ORD-2026-1000000');
  });
});
