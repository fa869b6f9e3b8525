import { credentialProblems, PROVIDER_CATALOGUE } from './provider-catalogue';

const paths = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

describe('credentialProblems', () => {
  it('accepts any string fields for a generic provider, and none at all', () => {
    expect(credentialProblems('generic', {})).toEqual([]);
    expect(credentialProblems('generic', { apiKey: 'k-123', account_id: '42' })).toEqual([]);
  });

  it('names every faulty field without echoing its value', () => {
    const problems = credentialProblems('generic', {
      apiKey: 42,
      empty: '',
      '1bad': 'x',
      long: 'x'.repeat(4097),
    });
    expect(paths(problems).sort()).toEqual([
      'credentials.1bad',
      'credentials.apiKey',
      'credentials.empty',
      'credentials.long',
    ]);
    expect(JSON.stringify(problems)).not.toContain('xxxx');
  });

  it('limits the number of fields', () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, 'v']));
    expect(paths(credentialProblems('generic', many))).toEqual(['credentials']);
  });

  it('requires an smtp:// or smtps:// url with a host for smtp', () => {
    expect(paths(credentialProblems('smtp', {}))).toEqual(['credentials.url']);
    expect(paths(credentialProblems('smtp', { url: 'https://mail.example.com' }))).toEqual([
      'credentials.url',
    ]);
    expect(paths(credentialProblems('smtp', { url: 'not a url' }))).toEqual(['credentials.url']);
    expect(credentialProblems('smtp', { url: 'smtp://user:secret@mail.example.com:587' })).toEqual([]);
    expect(credentialProblems('smtp', { url: 'smtps://mail.example.com' })).toEqual([]);
  });

  it('knows which types each provider serves', () => {
    expect(PROVIDER_CATALOGUE.generic.types).toEqual(['crm', 'billing', 'email', 'messaging']);
    expect(PROVIDER_CATALOGUE.smtp.types).toEqual(['email']);
  });
});
