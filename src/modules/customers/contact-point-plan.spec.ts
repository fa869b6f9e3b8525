import type { NewContactPoint } from './contact-points.repository';
import { mirroredValues, planNewContactPoints } from './contact-point-plan';

const point = (type: NewContactPoint['type'], value: string, isPrimary = false): NewContactPoint => ({
  type,
  value,
  label: null,
  isPrimary,
});

describe('planNewContactPoints', () => {
  it('makes the first point of each type primary when none is marked', () => {
    const { points, errors } = planNewContactPoints(
      [point('email', 'a@x.test'), point('email', 'b@x.test'), point('phone', '+61291234567')],
      {},
    );
    expect(errors).toEqual([]);
    expect(points.map((p) => [p.value, p.isPrimary])).toEqual([
      ['a@x.test', true],
      ['b@x.test', false],
      ['+61291234567', true],
    ]);
  });

  it('keeps the point marked primary', () => {
    const { points } = planNewContactPoints(
      [point('email', 'a@x.test'), point('email', 'b@x.test', true)],
      {},
    );
    expect(points.map((p) => p.isPrimary)).toEqual([false, true]);
  });

  it('adds the customer email as the primary when no point of the type exists', () => {
    const { points } = planNewContactPoints([point('phone', '+61291234567')], { email: 'ann@x.test' });
    expect(points).toEqual([point('phone', '+61291234567', true), point('email', 'ann@x.test', true)]);
    expect(mirroredValues(points)).toEqual({ email: 'ann@x.test', phone: '+61291234567' });
  });

  it('makes an existing point with the same value primary instead of adding one', () => {
    const { points } = planNewContactPoints([point('email', 'a@x.test', true), point('email', 'b@x.test')], {
      email: 'b@x.test',
    });
    expect(points.map((p) => [p.value, p.isPrimary])).toEqual([
      ['a@x.test', false],
      ['b@x.test', true],
    ]);
  });

  it('adds the customer email as the primary when it is not listed, keeping the listed points', () => {
    const { points } = planNewContactPoints([point('email', 'a@x.test', true), point('email', 'b@x.test')], {
      email: 'c@x.test',
    });
    expect(points).toEqual([
      point('email', 'a@x.test'),
      point('email', 'b@x.test'),
      point('email', 'c@x.test', true),
    ]);
    expect(mirroredValues(points).email).toBe('c@x.test');
  });

  it('ignores a null email or phone on creation', () => {
    const { points } = planNewContactPoints([], { email: null, phone: null });
    expect(points).toEqual([]);
    expect(mirroredValues(points)).toEqual({ email: null, phone: null });
  });

  it('refuses a value listed twice and a second primary of a type, naming the entries', () => {
    const { errors } = planNewContactPoints(
      [point('email', 'a@x.test', true), point('email', 'a@x.test'), point('email', 'b@x.test', true)],
      {},
    );
    expect(errors.map((e) => e.path)).toEqual(['contactPoints[1].value', 'contactPoints[2].isPrimary']);
  });

  it('allows one value under two types', () => {
    const { errors } = planNewContactPoints([point('email', 'x'), point('other', 'x')], {});
    expect(errors).toEqual([]);
  });
});
