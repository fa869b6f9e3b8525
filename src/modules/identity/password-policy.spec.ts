import { checkPassword, normalizeEmail } from './password-policy';

describe('password policy', () => {
  it('accepts 10 characters up to 72 UTF-8 bytes', () => {
    expect(checkPassword('0123456789', 'a@example.com')).toBeNull();
    expect(checkPassword('x'.repeat(72), 'a@example.com')).toBeNull();
  });

  it('counts characters for the minimum and bytes for the maximum', () => {
    expect(checkPassword('ééééééééé', null)?.code).toBe('password_too_short'); // 9 characters, 18 bytes
    expect(checkPassword('é'.repeat(36), null)).toBeNull(); // 72 bytes
    expect(checkPassword('é'.repeat(36) + 'x', null)).toEqual({
      path: 'password',
      code: 'password_too_long',
      message: expect.any(String),
    });
  });

  it('refuses the e-mail address in any case, naming the field it was given', () => {
    expect(checkPassword('Ada@Example.com', 'ada@example.com', 'newPassword')).toEqual({
      path: 'newPassword',
      code: 'password_equals_email',
      message: expect.any(String),
    });
  });

  it('normalises e-mail addresses', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });
});
