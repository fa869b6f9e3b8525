import { errorThrownBy } from '@libs/testing';
import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor } from './cursor';

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Runs `fn`, expecting the 400 `cursor_invalid` AppError that names the `cursor` parameter. */
function expectInvalidCursor(call: () => unknown) {
  const error = errorThrownBy(AppError, call);
  expect(error.status).toBe(400);
  expect(error.code).toBe('cursor_invalid');
  expect(error.detail).toBe('The cursor is malformed');
  expect(error.errors).toEqual([
    { path: 'cursor', code: 'cursor_invalid', message: 'is not a cursor issued by this list' },
  ]);
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips the sort and the values of the last row', () => {
    const position = { sort: '-createdAt,id', values: ['2025-01-02T03:04:05.000Z', 'a1b2'] };

    expect(decodeCursor(encodeCursor(position), { sort: '-createdAt,id', values: 2 })).toEqual(position);
  });

  it('round-trips every scalar type', () => {
    const position = { sort: 'name', values: ['Zoë & co', 12.5, -3, true, false, null] };

    expect(decodeCursor(encodeCursor(position), { sort: 'name', values: 6 })).toEqual(position);
  });

  it('produces an opaque, URL-safe token (base64url of JSON)', () => {
    const cursor = encodeCursor({ sort: 'name', values: ['???>>>', 1] });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).toBe(b64url('["name",["???>>>",1]]'));
  });

  it('is deterministic', () => {
    const position = { sort: 'id', values: ['x'] };

    expect(encodeCursor(position)).toBe(encodeCursor({ sort: 'id', values: ['x'] }));
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of something that is not JSON', b64url('hello')],
    ['empty', ''],
    ['truncated', encodeCursor({ sort: 'id', values: ['abc'] }).slice(0, -4)],
  ])('rejects a cursor that is %s', (_label, cursor) => {
    expectInvalidCursor(() => decodeCursor(cursor, { sort: 'id', values: 1 }));
  });

  it.each([
    ['an object', b64url('{"sort":"id","values":["x"]}')],
    ['a string', b64url('"id"')],
    ['null', b64url('null')],
    ['a one-element array', b64url('["id"]')],
    ['a three-element array', b64url('["id",["x"],1]')],
    ['a non-string sort', b64url('[1,["x"]]')],
    ['values that are not an array', b64url('["id","x"]')],
  ])('rejects JSON that is %s', (_label, cursor) => {
    expectInvalidCursor(() => decodeCursor(cursor, { sort: 'id', values: 1 }));
  });

  it('rejects a cursor made for a different number of sort values', () => {
    const cursor = encodeCursor({ sort: 'name,id', values: ['Ann', 'a1'] });

    expectInvalidCursor(() => decodeCursor(cursor, { sort: 'name,id', values: 1 }));
    expectInvalidCursor(() => decodeCursor(cursor, { sort: 'name,id', values: 3 }));
  });

  it.each([
    ['an object', b64url('["id",[{"a":1}]]')],
    ['an array', b64url('["id",[[1]]]')],
  ])('rejects a value that is %s (not a scalar)', (_label, cursor) => {
    expectInvalidCursor(() => decodeCursor(cursor, { sort: 'id', values: 1 }));
  });

  it('answers 400 cursor_mismatch, not cursor_invalid, for a cursor of another sort', () => {
    const cursor = encodeCursor({ sort: 'name', values: ['Ann', 'a1'] });
    const thrown = errorThrownBy(AppError, () => decodeCursor(cursor, { sort: 'code', values: 2 }));
    expect(thrown).toMatchObject({ status: 400, code: 'cursor_mismatch', errors: [{ path: 'cursor' }] });
  });
});
