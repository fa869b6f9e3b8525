import { auditContextParameters } from './audit-context.subscriber';

describe('auditContextParameters', () => {
  it('passes actor, company, request id, ip and user agent, in the order of the statement', () => {
    expect(
      auditContextParameters({
        actor: { type: 'api_key', id: '01900000-0000-7000-8000-000000000001' },
        companyId: '01900000-0000-7000-8000-000000000002',
        requestId: 'req-1',
        ip: '::ffff:127.0.0.1',
        userAgent: 'curl/8',
      }),
    ).toEqual([
      'api_key',
      '01900000-0000-7000-8000-000000000001',
      '01900000-0000-7000-8000-000000000002',
      'req-1',
      '::ffff:127.0.0.1',
      'curl/8',
    ]);
  });

  it('sends nothing without any context (start-up, CLI), and empty strings for what is missing', () => {
    expect(auditContextParameters({})).toBeNull();
    expect(auditContextParameters({ requestId: 'r' })).toEqual(['', '', '', 'r', '', '']);
  });

  it('drops an address PostgreSQL could not cast to inet rather than fail the write', () => {
    expect(auditContextParameters({ requestId: 'r', ip: 'not-an-ip' })?.[4]).toBe('');
  });

  it('sends an explicit system actor (jobs) as system, without an id', () => {
    expect(auditContextParameters({ requestId: 'job-1', actor: { type: 'system', id: null } })).toEqual([
      'system',
      '',
      '',
      'job-1',
      '',
      '',
    ]);
  });
});
