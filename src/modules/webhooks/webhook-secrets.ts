import { Inject, Injectable } from '@nestjs/common';
import { SecretBox } from '@libs/security';

export interface SealedSecrets {
  id: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * Seals endpoint secrets at rest (AES-256-GCM). The additional data binds a sealed secret to its
 * endpoint: copied into another row it does not open. Current and previous secret share it, so a
 * rotation moves the current ciphertext to `previous` as it is.
 */
@Injectable()
export class WebhookSecrets {
  constructor(@Inject(SecretBox) private readonly box: SecretBox) {}

  seal(endpointId: string, secret: string): string {
    return this.box.encrypt(secret, aadOf(endpointId));
  }

  /** The secrets that sign a message now: the current one, and the previous one until it expires. */
  signing(endpoint: SealedSecrets, now = new Date()): string[] {
    const secrets = [this.box.decrypt(endpoint.secretCiphertext, aadOf(endpoint.id))];
    if (
      endpoint.previousSecretCiphertext &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    ) {
      secrets.push(this.box.decrypt(endpoint.previousSecretCiphertext, aadOf(endpoint.id)));
    }
    return secrets;
  }
}

const aadOf = (endpointId: string): string => `platform.webhook_endpoints:${endpointId}`;
