import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';

export type CursorValue = string | number | boolean | null;

/** What a cursor carries: the sort it was made for, and the sort values of the last row served. */
export interface CursorPosition {
  sort: string;
  values: CursorValue[];
}

/** Cursors are opaque to clients: base64url of JSON, so the format can change without breaking them. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.values])).toString('base64url');
}

function invalidCursor(): AppError {
  return new AppError(400, CoreErrorCode.CursorInvalid, 'The cursor is malformed', {
    errors: [
      { path: 'cursor', code: CoreErrorCode.CursorInvalid, message: 'is not a cursor issued by this list' },
    ],
  });
}

/**
 * Reads a cursor back, for the list and sort it is presented to: a cursor made for another sort is
 * 400 `cursor_mismatch`, anything malformed (or of the wrong shape) 400 `cursor_invalid`.
 */
export function decodeCursor(cursor: string, expected: { sort: string; values: number }): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor();
  const [sort, values] = decoded as [unknown, unknown];
  if (typeof sort !== 'string') throw invalidCursor();
  if (sort !== expected.sort) {
    throw new AppError(400, CoreErrorCode.CursorMismatch, 'The cursor was issued for another sort order', {
      errors: [
        {
          path: 'cursor',
          code: CoreErrorCode.CursorMismatch,
          message: `was not issued for sort=${expected.sort}`,
        },
      ],
    });
  }
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (!Array.isArray(values) || values.length !== expected.values || !values.every(scalar)) {
    throw invalidCursor();
  }
  return { sort, values: values as CursorValue[] };
}
