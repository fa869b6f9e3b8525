import { errorThrownBy } from '@libs/testing';
import { AppError } from '../errors/app-error';
import { assertIfMatch, etagOf, versionsOfIfMatch } from './etag';

const thrownBy = (call: () => unknown) => errorThrownBy(AppError, call);

describe('etagOf', () => {
  it('is the weak ETag of the version', () => {
    expect(etagOf(3)).toBe('W/"3"');
    expect(etagOf(0)).toBe('W/"0"');
    expect(etagOf(1234567)).toBe('W/"1234567"');
  });

  it('round-trips through versionsOfIfMatch', () => {
    expect(versionsOfIfMatch(etagOf(42))).toEqual({ any: false, versions: [42] });
  });
});

describe('versionsOfIfMatch', () => {
  it.each([
    ['absent', undefined, { any: false, versions: [] }],
    ['empty', '', { any: false, versions: [] }],
    ['a weak tag', 'W/"7"', { any: false, versions: [7] }],
    ['a strong tag', '"7"', { any: false, versions: [7] }],
    ['a list', 'W/"1", "2",W/"3"', { any: false, versions: [1, 2, 3] }],
    ['a star', '*', { any: true, versions: [] }],
    ['a star in a list', 'W/"4", *', { any: true, versions: [4] }],
    ['garbage', 'garbage', { any: false, versions: [] }],
    ['an unquoted number', '7', { any: false, versions: [] }],
    ['a non-numeric tag', 'W/"abc"', { any: false, versions: [] }],
    ['a lowercase weak prefix', 'w/"7"', { any: false, versions: [] }],
    ['a negative number', '"-1"', { any: false, versions: [] }],
    ['garbage mixed with a valid tag', 'junk, W/"9", "x"', { any: false, versions: [9] }],
  ])('reads %s', (_label, header, expected) => {
    expect(versionsOfIfMatch(header)).toEqual(expected);
  });
});

describe('assertIfMatch', () => {
  it('passes when the header is absent and not required', () => {
    expect(() => assertIfMatch(undefined, 3)).not.toThrow();
    expect(() => assertIfMatch(undefined, 3, false)).not.toThrow();
  });

  it('requires the header when asked to: 428 precondition_required', () => {
    const error = thrownBy(() => assertIfMatch(undefined, 3, true));

    expect(error.status).toBe(428);
    expect(error.code).toBe('precondition_required');
    expect(error.detail).toBe('This change requires an If-Match header with the current ETag');
  });

  it('treats an empty header as absent', () => {
    expect(() => assertIfMatch('', 3)).not.toThrow();
    expect(thrownBy(() => assertIfMatch('', 3, true)).status).toBe(428);
  });

  it.each([
    ['weak', 'W/"3"'],
    ['strong', '"3"'],
  ])('passes a %s tag naming the current version', (_label, header) => {
    expect(() => assertIfMatch(header, 3)).not.toThrow();
    expect(() => assertIfMatch(header, 3, true)).not.toThrow();
  });

  it('rejects a stale version with 412 precondition_failed and the current ETag', () => {
    const error = thrownBy(() => assertIfMatch('W/"2"', 3));

    expect(error.status).toBe(412);
    expect(error.code).toBe('precondition_failed');
    expect(error.detail).toBe('The resource has changed since it was read; fetch it again');
    expect(error.extensions).toEqual({ currentEtag: 'W/"3"' });
  });

  it('rejects a stale version even when the header is not required', () => {
    expect(thrownBy(() => assertIfMatch('"4"', 3, false)).status).toBe(412);
  });

  it('passes `*` whatever the version', () => {
    expect(() => assertIfMatch('*', 99)).not.toThrow();
    expect(() => assertIfMatch('*', 1, true)).not.toThrow();
  });

  it('passes a list that contains the current version', () => {
    expect(() => assertIfMatch('W/"1", W/"2", W/"3"', 2)).not.toThrow();
  });

  it('rejects a list that does not contain the current version', () => {
    expect(thrownBy(() => assertIfMatch('W/"1", W/"2"', 3)).extensions).toEqual({ currentEtag: 'W/"3"' });
  });

  it('rejects a garbage header with 412 (not 428)', () => {
    const error = thrownBy(() => assertIfMatch('garbage', 3, true));

    expect(error.status).toBe(412);
    expect(error.code).toBe('precondition_failed');
  });
});
