import type { FieldError } from '@libs/core';
import { IntegrationsErrorCode } from '../integrations.errors';
import type { ConnectionTestOutcome } from './connection-test-outcome';
import { PROVIDER_TYPES, type ProviderName, type ProviderType } from './entities/provider-config.entity';
import type { Credentials } from './sealed-secrets';
import { verifySmtp } from './smtp-check';

/** What the platform knows about one provider. Adding a provider = one entry here (and its CHECK value). */
export interface ProviderDefinition {
  /** The configuration types the provider can serve. */
  types: readonly ProviderType[];
  /** Credential fields it cannot work without. */
  requiredCredentials: readonly string[];
  /** Problems of the credential values beyond presence (e.g. a malformed URL), by field. */
  checkCredentials?(credentials: Credentials): FieldError[];
  /** A small live check of the configuration (`POST /provider-configs/:id/test`). */
  test(credentials: Credentials): Promise<ConnectionTestOutcome>;
}

export const PROVIDER_CATALOGUE: Readonly<Record<ProviderName, ProviderDefinition>> = {
  // Any type; its inbound webhooks use Standard Webhooks signatures with the configuration's secret.
  generic: {
    types: PROVIDER_TYPES,
    requiredCredentials: [],
    test: () =>
      Promise.resolve({
        result: 'succeeded',
        message:
          'A generic provider has no server to reach; its webhooks are verified with the inbound secret',
      }),
  },
  // E-mail through an SMTP server: `credentials.url` = `smtp://user:password@host:587` or `smtps://…`.
  smtp: {
    types: ['email'],
    requiredCredentials: ['url'],
    checkCredentials: (credentials) =>
      isSmtpUrl(credentials.url) ? [] : [problem('url', 'must be an smtp:// or smtps:// URL with a host')],
    test: (credentials) => verifySmtp(credentials.url),
  },
};

const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_FIELDS = 20;
const MAX_VALUE_LENGTH = 4096;

const problem = (field: string, message: string): FieldError => ({
  path: `credentials.${field}`,
  code: IntegrationsErrorCode.ValidationFailed,
  message,
});

function isSmtpUrl(value: string | undefined): boolean {
  if (value === undefined) return true; // reported as missing
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Every problem of a credentials object for `provider`, one per field (paths `credentials.<field>`):
 * field names, string values of 1..4096 characters, at most 20 fields, required fields, the
 * provider's own checks. The values are never echoed.
 */
export function credentialProblems(
  provider: ProviderName,
  credentials: Record<string, unknown>,
): FieldError[] {
  const definition = PROVIDER_CATALOGUE[provider];
  const names = Object.keys(credentials);
  const problems: FieldError[] = [];
  if (names.length > MAX_FIELDS) {
    problems.push({
      path: 'credentials',
      code: IntegrationsErrorCode.ValidationFailed,
      message: `at most ${MAX_FIELDS} fields`,
    });
  }
  for (const name of names) {
    const value = credentials[name];
    if (!FIELD_NAME.test(name))
      problems.push(problem(name, 'field names are letters, digits and _ (max 64)'));
    else if (typeof value !== 'string') problems.push(problem(name, 'must be a string'));
    else if (value.length === 0 || value.length > MAX_VALUE_LENGTH)
      problems.push(problem(name, `must be 1..${MAX_VALUE_LENGTH} characters`));
  }
  for (const name of definition.requiredCredentials) {
    if (!(name in credentials)) problems.push(problem(name, `is required by the ${provider} provider`));
  }
  if (problems.length === 0 && definition.checkCredentials) {
    problems.push(...definition.checkCredentials(credentials as Credentials));
  }
  return problems;
}
