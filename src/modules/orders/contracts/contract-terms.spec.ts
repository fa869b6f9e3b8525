import { contractTerm, initialStatus, renewalStart } from './contract-terms';

describe('contract terms', () => {
  it('ends start + months later, clamped to the end of a shorter month', () => {
    expect(contractTerm('2026-01-31', 1)).toEqual({
      startDate: '2026-01-31',
      endDate: '2026-02-28',
      renewalDate: '2026-02-28',
    });
    expect(contractTerm('2026-03-15', 12)).toEqual({
      startDate: '2026-03-15',
      endDate: '2027-03-15',
      renewalDate: '2027-03-15',
    });
  });

  it('is active at once when it starts today or earlier, pending otherwise', () => {
    expect(initialStatus('2026-03-01', '2026-03-01')).toBe('active');
    expect(initialStatus('2026-02-28', '2026-03-01')).toBe('active');
    expect(initialStatus('2026-03-02', '2026-03-01')).toBe('pending');
  });

  it('renews from the end of an active contract, from today for an expired one', () => {
    expect(renewalStart({ status: 'active', endDate: '2026-06-30' }, '2026-05-01')).toBe('2026-06-30');
    expect(renewalStart({ status: 'expired', endDate: '2026-03-31' }, '2026-05-01')).toBe('2026-05-01');
  });
});
