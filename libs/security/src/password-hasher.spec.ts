import {
  BCRYPT_COST,
  dummyPasswordHash,
  hashPassword,
  PASSWORD_MAX_BYTES,
  PasswordTooLongError,
  verifyPassword,
} from './password-hasher';

// Each cost-12 bcrypt operation takes a few hundred milliseconds, so one hash is shared by several checks.
jest.setTimeout(20_000);

// 'é' is two UTF-8 bytes: 36 of them are exactly the limit, one more character goes past it.
const password72Bytes = 'é'.repeat(36);
const password73Bytes = `${password72Bytes}a`;

describe('password hashing', () => {
  let passwordHash: string;
  let timerTicksWhileHashing = 0;

  beforeAll(async () => {
    const timer = setInterval(() => timerTicksWhileHashing++, 5);
    try {
      passwordHash = await hashPassword(password72Bytes);
    } finally {
      clearInterval(timer);
    }
  });

  it('exports the policy constants', () => {
    expect(BCRYPT_COST).toBe(12);
    expect(PASSWORD_MAX_BYTES).toBe(72);
    expect(Buffer.byteLength(password72Bytes)).toBe(72);
  });

  it('produces a $2b$ cost-12 hash, accepting a password of exactly 72 bytes', () => {
    expect(passwordHash).toMatch(/^\$2b\$12\$[./A-Za-z0-9]{53}$/);
  });

  it('hashes on the thread pool, leaving the event loop free', () => {
    // A synchronous hash would hold the event loop until it returned, so no timer could fire meanwhile.
    expect(timerTicksWhileHashing).toBeGreaterThan(1);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    await expect(verifyPassword(password72Bytes, passwordHash)).resolves.toBe(true);
    await expect(verifyPassword('é'.repeat(35), passwordHash)).resolves.toBe(false);
  });

  it('refuses a malformed hash without throwing', async () => {
    await expect(verifyPassword(password72Bytes, 'not a bcrypt hash')).resolves.toBe(false);
  });

  it('rejects passwords over 72 bytes instead of truncating them', async () => {
    // bcrypt alone would read only the first 72 bytes and call this password a match.
    await expect(verifyPassword(password73Bytes, passwordHash)).rejects.toThrow(PasswordTooLongError);
    await expect(hashPassword(password73Bytes)).rejects.toEqual(
      expect.objectContaining({ name: 'PasswordTooLongError', byteLength: 73 }),
    );
  });
});

describe('dummyPasswordHash', () => {
  it('is a valid cost-12 hash, computed once and then reused', async () => {
    const first = dummyPasswordHash();
    const second = dummyPasswordHash();

    expect(second).toBe(first);
    await expect(first).resolves.toMatch(/^\$2b\$12\$/);
    await expect(verifyPassword('anything a user might type', await first)).resolves.toBe(false);
  });
});
