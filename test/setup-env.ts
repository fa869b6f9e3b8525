import { randomBytes } from 'node:crypto';

// Every e2e test file runs the real app with test settings: no generated files, no log noise, and
// migrations already applied to the template its database was cloned from.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DB_MIGRATE_ON_START = 'false';
process.env.DB_POOL_SIZE ??= '5';
process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
process.env.JWT_SECRET ??= randomBytes(48).toString('base64url');
process.env.ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
