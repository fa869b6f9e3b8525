import { isEmail } from 'class-validator';
import { toE164 } from '@libs/core';
import { normalizeEmail } from '../identity';
import type { ContactPointType } from './entities/customer-contact-point.entity';
import type { IdentityChannel } from './entities/customer-identity.entity';

/** A normalised value, or why the raw value was refused (for a 400 naming the field). */
export type Normalized = { ok: true; value: string } | { ok: false; code: string; message: string };

const PHONE_MESSAGE =
  'must be a valid phone number (E.164 such as +61291234567, or national in the company country)';

export function normalizedEmail(raw: string): Normalized {
  const value = normalizeEmail(raw);
  if (!isEmail(value) || value.length > 254) {
    return { ok: false, code: 'is_email', message: 'must be a valid e-mail address' };
  }
  return { ok: true, value };
}

/** E.164, reading a national number in `country` (the company's country). */
export function normalizedPhone(raw: string, country: string | null): Normalized {
  const value = toE164(raw, country);
  return value ? { ok: true, value } : { ok: false, code: 'invalid_phone', message: PHONE_MESSAGE };
}

/** A contact point value: e-mail lower-cased, phone E.164, other trimmed. */
export function normalizedContactValue(
  type: ContactPointType,
  raw: string,
  country: string | null,
): Normalized {
  if (type === 'email') return normalizedEmail(raw);
  if (type === 'phone') return normalizedPhone(raw, country);
  const value = raw.trim();
  return value.length > 0 && value.length <= 254
    ? { ok: true, value }
    : { ok: false, code: 'validation_failed', message: 'must be 1..254 characters' };
}

const PHONE_CHANNELS: ReadonlySet<IdentityChannel> = new Set(['whatsapp', 'sms']);

/**
 * An identity's external id, normalised per channel so one person is one key: phone channels E.164
 * (WhatsApp sends bare international digits such as `61412345678`, read as `+61412345678`), e-mail
 * lower-cased, the others trimmed.
 */
export function normalizedExternalId(
  channel: IdentityChannel,
  raw: string,
  country: string | null,
): Normalized {
  if (PHONE_CHANNELS.has(channel)) {
    const trimmed = raw.trim();
    const bareInternational = channel === 'whatsapp' && /^\d{8,15}$/.test(trimmed);
    const international = bareInternational ? toE164(`+${trimmed}`) : null;
    return international ? { ok: true, value: international } : normalizedPhone(trimmed, country);
  }
  if (channel === 'email') return normalizedEmail(raw);
  const value = raw.trim();
  return value.length > 0
    ? { ok: true, value }
    : { ok: false, code: 'validation_failed', message: 'must not be blank' };
}

/** Whether normalising values of this type needs the company's country (only phones do). */
export const needsCountry = (type: ContactPointType | IdentityChannel): boolean =>
  type === 'phone' || PHONE_CHANNELS.has(type as IdentityChannel);
