import type { FieldError } from '@libs/core';
import type { NewContactPoint } from './contact-points.repository';
import type { ContactPointType } from './entities/customer-contact-point.entity';

/** The mirrored types: `email`/`phone` on the customer are the values of these primaries. */
export const MIRRORED_TYPES = ['email', 'phone'] as const satisfies readonly ContactPointType[];
export type MirroredType = (typeof MIRRORED_TYPES)[number];

/**
 * The contact points of a new customer, from its nested `contactPoints` (values already normalised)
 * and its `email`/`phone` (SPEC §5): a value given twice or a second primary of a type is refused
 * (naming `contactPoints[i]...`); `email`/`phone` name the primary of their type (a listed point with
 * that value becomes primary, else the value is added as the primary: nothing listed is lost); finally
 * the first point of a type without a primary becomes primary.
 */
export function planNewContactPoints(
  requested: readonly NewContactPoint[],
  mirrored: Partial<Record<MirroredType, string | null>>,
): { points: NewContactPoint[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const points = requested.map((p) => ({ ...p }));
  points.forEach((point, i) => {
    const earlier = points.slice(0, i);
    if (earlier.some((p) => p.type === point.type && p.value === point.value)) {
      errors.push({ path: `contactPoints[${i}].value`, code: 'duplicate', message: 'is listed twice' });
    }
    if (point.isPrimary && earlier.some((p) => p.type === point.type && p.isPrimary)) {
      errors.push({
        path: `contactPoints[${i}].isPrimary`,
        code: 'duplicate',
        message: `another ${point.type} point is already primary`,
      });
    }
  });
  if (errors.length) return { points, errors };
  for (const type of MIRRORED_TYPES) {
    const value = mirrored[type];
    if (value) upsertPrimary(points, type, value);
  }
  for (const point of points) {
    if (!points.some((p) => p.type === point.type && p.isPrimary)) point.isPrimary = true;
  }
  return { points, errors };
}

function upsertPrimary(points: NewContactPoint[], type: ContactPointType, value: string): void {
  for (const point of points) if (point.type === type) point.isPrimary = false;
  const same = points.find((p) => p.type === type && p.value === value);
  if (same) same.isPrimary = true;
  else points.push({ type, label: null, value, isPrimary: true });
}

/** The customer's `email`/`phone`: the values of the primary points of those types. */
export function mirroredValues(points: readonly NewContactPoint[]): Record<MirroredType, string | null> {
  const primary = (type: ContactPointType) =>
    points.find((p) => p.type === type && p.isPrimary)?.value ?? null;
  return { email: primary('email'), phone: primary('phone') };
}
