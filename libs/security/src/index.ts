export { constantTimeEqual } from './constant-time';
export { parseKey } from './encryption-key';
export {
  hmacSha256,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookInput,
  type WebhookMessage,
  type WebhookVerificationFailure,
} from './hmac-signature';
export {
  BCRYPT_COST,
  dummyPasswordHash,
  hashPassword,
  PASSWORD_MAX_BYTES,
  PasswordTooLongError,
  verifyPassword,
} from './password-hasher';
export { generatePrefixedToken, generateToken, hashToken, type PrefixedToken } from './random-token';
export { SecretBox, SecretBoxError, type SecretBoxOptions } from './secret-box';
export { generateWebhookSecret } from './webhook-secret';
