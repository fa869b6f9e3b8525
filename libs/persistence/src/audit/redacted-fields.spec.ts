import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRedactedField, REDACTED_FIELDS, redactedFieldsPattern, UNTRACKED_FIELDS } from './redacted-fields';

const MIGRATIONS = join(__dirname, '..', '..', '..', '..', 'migrations');

/** The body of the newest migration that (re)defines `platform.<name>(field text)`. */
function latestDefinition(name: string): string {
  const definition = new RegExp(
    `CREATE (?:OR REPLACE )?FUNCTION "platform"\\."${name}"\\(field text\\)[\\s\\S]*?\\$\\$([\\s\\S]*?)\\$\\$`,
  );
  const bodies = readdirSync(MIGRATIONS)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => definition.exec(readFileSync(join(MIGRATIONS, file), 'utf8'))?.[1])
    .filter((body): body is string => body !== undefined);
  if (bodies.length === 0) throw new Error(`No migration defines platform.${name}`);
  return bodies[bodies.length - 1];
}

describe('audit redaction and untracked fields', () => {
  it('redacts passwords, hashes, tokens, secrets, credentials and ciphertexts, nothing else', () => {
    for (const column of [
      'password',
      'password_hash',
      'key_hash',
      'refresh_hash',
      'token_hash',
      'access_token',
      'secret',
      'previous_secret',
      'inbound_secret',
      'credentials',
      'credentials_key_id',
      'secret_ciphertext',
    ]) {
      expect([column, isRedactedField(column)]).toEqual([column, true]);
    }
    for (const column of ['name', 'email', 'hashtag', 'status', 'prefix', 'description', 'key']) {
      expect([column, isRedactedField(column)]).toEqual([column, false]);
    }
  });

  it('builds one anchored pattern, escaping everything but *', () => {
    expect(redactedFieldsPattern(['a.b*', '*_c'])).toBe('^(a\\.b.*|.*_c)$');
    expect(redactedFieldsPattern()).toBe(
      '^(.*password.*|.*_hash|.*token.*|.*secret.*|credentials.*|.*_ciphertext)$',
    );
    expect(REDACTED_FIELDS.length).toBeGreaterThan(0);
  });

  it('the newest migration of platform.audit_redacted embeds exactly REDACTED_FIELDS', () => {
    const literal = /field ~ '([^']*)'/.exec(latestDefinition('audit_redacted'))?.[1];
    expect(literal).toBe(redactedFieldsPattern());
  });

  it('the newest migration of platform.audit_untracked embeds exactly UNTRACKED_FIELDS', () => {
    const literal = /'\{([^}]*)\}'::text\[\]/.exec(latestDefinition('audit_untracked'))?.[1];
    expect(literal?.split(',')).toEqual([...UNTRACKED_FIELDS]);
  });
});
