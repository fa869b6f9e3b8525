import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';

export interface SortTerm {
  key: string;
  descending: boolean;
}

/** `-createdAt,name` -> terms, checked against the list's whitelist (else 400 naming `sort`). */
export function parseSort(sort: string, allowed: readonly string[]): SortTerm[] {
  const terms = sort.split(',').map((part) => {
    const descending = part.startsWith('-');
    return { key: descending ? part.slice(1) : part, descending };
  });
  const unknown = terms.filter((t) => !allowed.includes(t.key)).map((t) => t.key);
  const keys = terms.map((t) => t.key);
  if (unknown.length || new Set(keys).size !== keys.length) {
    throw new AppError(
      400,
      CoreErrorCode.ValidationFailed,
      `sort accepts ${allowed.join(', ')} (each at most once)`,
      {
        errors: [
          {
            path: 'sort',
            code: 'invalid_sort',
            message: `must be a comma-separated list of ${allowed.map((a) => `${a} or -${a}`).join(', ')}`,
          },
        ],
      },
    );
  }
  return terms;
}

export function formatSort(terms: SortTerm[]): string {
  return terms.map((t) => (t.descending ? `-${t.key}` : t.key)).join(',');
}
