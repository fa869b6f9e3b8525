import { errorThrownBy } from '@libs/testing';
import { AppError } from '../errors/app-error';
import { formatSort, parseSort } from './sort';

const ALLOWED = ['createdAt', 'name', 'id'] as const;

const sortError = (call: () => unknown) => errorThrownBy(AppError, call);

describe('parseSort', () => {
  it('parses descending and ascending terms in order', () => {
    expect(parseSort('-createdAt,name', ALLOWED)).toEqual([
      { key: 'createdAt', descending: true },
      { key: 'name', descending: false },
    ]);
  });

  it('parses a single ascending key', () => {
    expect(parseSort('id', ALLOWED)).toEqual([{ key: 'id', descending: false }]);
  });

  it('rejects an unknown key with a 400 naming `sort` and listing the accepted keys', () => {
    const error = sortError(() => parseSort('-createdAt,password', ALLOWED));

    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.detail).toBe('sort accepts createdAt, name, id (each at most once)');
    expect(error.errors).toEqual([
      {
        path: 'sort',
        code: 'invalid_sort',
        message: 'must be a comma-separated list of createdAt or -createdAt, name or -name, id or -id',
      },
    ]);
  });

  it.each([
    ['the same key twice', 'name,name'],
    ['the same key in both directions', 'name,-name'],
  ])('rejects %s', (_label, sort) => {
    const error = sortError(() => parseSort(sort, ALLOWED));

    expect(error.status).toBe(400);
    expect(error.errors?.map((e) => e.path)).toEqual(['sort']);
  });

  it.each([
    ['empty', ''],
    ['a trailing comma', 'name,'],
    ['a double minus', '--name'],
    ['a different case', 'Name'],
    ['surrounding spaces', ' name'],
  ])('rejects a sort that is %s', (_label, sort) => {
    expect(sortError(() => parseSort(sort, ALLOWED)).errors?.[0]?.path).toBe('sort');
  });
});

describe('formatSort', () => {
  it('formats terms back into the query syntax', () => {
    expect(
      formatSort([
        { key: 'createdAt', descending: true },
        { key: 'name', descending: false },
      ]),
    ).toBe('-createdAt,name');
  });

  it('is the inverse of parseSort', () => {
    expect(formatSort(parseSort('name,-id', ALLOWED))).toBe('name,-id');
  });

  it('formats no terms as an empty string', () => {
    expect(formatSort([])).toBe('');
  });
});
