import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts the keys of an object', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('is independent of key order at every depth', () => {
    const one = { customer: { name: 'Ann', id: 'c1' }, lines: [{ sku: 'A', qty: 2 }], note: null };
    const two = { note: null, lines: [{ qty: 2, sku: 'A' }], customer: { id: 'c1', name: 'Ann' } };

    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe(
      '{"customer":{"id":"c1","name":"Ann"},"lines":[{"qty":2,"sku":"A"}],"note":null}',
    );
  });

  it('sorts keys of objects nested in arrays nested in objects', () => {
    expect(canonicalJson({ z: [[{ y: 1, x: { d: 1, c: 2 } }]] })).toBe('{"z":[[{"x":{"c":2,"d":1},"y":1}]]}');
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({ lines: ['b', 'a'] })).not.toBe(canonicalJson({ lines: ['a', 'b'] }));
  });

  it('tells different values apart', () => {
    expect(canonicalJson({ qty: 1 })).not.toBe(canonicalJson({ qty: '1' }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { b: 2 } }));
  });

  it('serialises an undefined value (a request without a body) as null', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(undefined)).toBe(canonicalJson(null));
  });

  it('serialises undefined array elements as null and drops undefined object members, like JSON', () => {
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('serialises scalars like JSON.stringify', () => {
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
  });

  it('serialises a Date as its ISO string', () => {
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05Z') })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });
});
