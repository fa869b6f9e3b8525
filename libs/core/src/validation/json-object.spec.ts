import { validateSync } from 'class-validator';
import { IsJsonObject, JSON_OBJECT_MAX_BYTES, jsonObjectProblem } from './json-object';

const ATTRIBUTES = { attributeKeys: true };

describe('jsonObjectProblem', () => {
  it('accepts an object with well-formed keys, nested values included', () => {
    expect(
      jsonObjectProblem({ segment: 'retail', Score_2: 7, nested: { 'any key': [1] } }, ATTRIBUTES),
    ).toBeNull();
    expect(jsonObjectProblem({}, ATTRIBUTES)).toBeNull();
  });

  it.each([
    ['an array', ['a']],
    ['null', null],
    ['a string', 'x'],
    ['a number', 1],
  ])('refuses %s', (_label, value) => {
    expect(jsonObjectProblem(value, ATTRIBUTES)).toBe('must be a JSON object');
  });

  it.each([
    ['starting with a digit', '1abc'],
    ['starting with _', '_abc'],
    ['with a dash', 'a-b'],
    ['with a dot', 'a.b'],
    ['empty', ''],
    ['of 65 characters', `a${'b'.repeat(64)}`],
  ])('refuses a top-level key %s', (_label, key) => {
    expect(jsonObjectProblem({ [key]: 1 }, ATTRIBUTES)).toContain('must start with a letter');
  });

  it('accepts a key of 64 characters', () => {
    expect(jsonObjectProblem({ [`a${'b'.repeat(63)}`]: 1 }, ATTRIBUTES)).toBeNull();
  });

  it('does not check keys when asked not to (identity metadata)', () => {
    expect(jsonObjectProblem({ 'wa-id': '1' }, { attributeKeys: false })).toBeNull();
  });

  it('limits the object to 16 KB of UTF-8 JSON', () => {
    const overhead = JSON.stringify({ a: '' }).length;
    expect(jsonObjectProblem({ a: 'x'.repeat(JSON_OBJECT_MAX_BYTES - overhead) }, ATTRIBUTES)).toBeNull();
    expect(jsonObjectProblem({ a: 'x'.repeat(JSON_OBJECT_MAX_BYTES - overhead + 1) }, ATTRIBUTES)).toContain(
      '16384 bytes',
    );
    // Bytes, not characters: "é" is two bytes in UTF-8.
    expect(jsonObjectProblem({ a: 'é'.repeat(JSON_OBJECT_MAX_BYTES / 2) }, ATTRIBUTES)).toContain('bytes');
  });
});

describe('@IsJsonObject', () => {
  class Dto {
    @IsJsonObject(ATTRIBUTES)
    attributes: unknown;
  }

  it('fails with the code invalid_attributes and a message naming the problem', () => {
    const dto = Object.assign(new Dto(), { attributes: { 'bad key': 1 } });
    const [error] = validateSync(dto);
    expect(error.property).toBe('attributes');
    expect(error.constraints).toEqual({ invalidAttributes: expect.stringContaining('key "bad key"') });
  });
});
