import { needsCountry, normalizedContactValue, normalizedExternalId } from './contact-values';

describe('normalizedContactValue', () => {
  it('lower-cases and trims e-mail addresses', () => {
    expect(normalizedContactValue('email', '  Ann.Smith@Example.COM ', null)).toEqual({
      ok: true,
      value: 'ann.smith@example.com',
    });
  });

  it('refuses an invalid e-mail address', () => {
    expect(normalizedContactValue('email', 'ann@', null)).toMatchObject({ ok: false, code: 'is_email' });
  });

  it('reads a national phone number in the company country and writes E.164', () => {
    expect(normalizedContactValue('phone', '(02) 9123 4567', 'AU')).toEqual({
      ok: true,
      value: '+61291234567',
    });
    expect(normalizedContactValue('phone', '020 7946 0958', 'GB')).toEqual({
      ok: true,
      value: '+442079460958',
    });
  });

  it('reads an international number whatever the company country', () => {
    expect(normalizedContactValue('phone', '+61 412 345 678', 'US')).toEqual({
      ok: true,
      value: '+61412345678',
    });
  });

  it('refuses an unparsable phone, and a national one without a country', () => {
    expect(normalizedContactValue('phone', 'call me', 'AU')).toMatchObject({
      ok: false,
      code: 'invalid_phone',
    });
    expect(normalizedContactValue('phone', '(02) 9123 4567', null)).toMatchObject({
      ok: false,
      code: 'invalid_phone',
    });
  });

  it('trims other values and refuses blank ones', () => {
    expect(normalizedContactValue('other', '  skype:ann ', null)).toEqual({ ok: true, value: 'skype:ann' });
    expect(normalizedContactValue('other', '   ', null)).toMatchObject({ ok: false });
  });
});

describe('normalizedExternalId', () => {
  it('reads bare WhatsApp digits as an international number', () => {
    expect(normalizedExternalId('whatsapp', '61412345678', 'GB')).toEqual({
      ok: true,
      value: '+61412345678',
    });
  });

  it('reads an SMS number like a phone contact point (national in the company country)', () => {
    expect(normalizedExternalId('sms', '0412 345 678', 'AU')).toEqual({ ok: true, value: '+61412345678' });
    expect(normalizedExternalId('sms', 'abc', 'AU')).toMatchObject({ ok: false, code: 'invalid_phone' });
  });

  it('lower-cases e-mail identities and trims the others', () => {
    expect(normalizedExternalId('email', ' Ann@Mail.TEST ', null)).toEqual({
      ok: true,
      value: 'ann@mail.test',
    });
    expect(normalizedExternalId('web_chat', ' Visitor-42 ', null)).toEqual({ ok: true, value: 'Visitor-42' });
    expect(normalizedExternalId('api', '  ', null)).toMatchObject({ ok: false });
  });
});

describe('needsCountry', () => {
  it('is true only where national phone numbers are read', () => {
    expect(['phone', 'whatsapp', 'sms'].map((t) => needsCountry(t as never))).toEqual([true, true, true]);
    expect(['email', 'other', 'web_chat', 'api'].map((t) => needsCountry(t as never))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
