import type { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SecretBox } from '@libs/security';
import { type SecretsConfig, secretBoxOf } from '../../config';

/** The SecretBox sealing the secrets of this module (provider credentials, inbound secrets). */
export const INTEGRATIONS_SECRET_BOX = Symbol('INTEGRATIONS_SECRET_BOX');

export const secretBoxProvider: FactoryProvider<SecretBox> = {
  provide: INTEGRATIONS_SECRET_BOX,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => secretBoxOf(config.getOrThrow<SecretsConfig>('secrets')),
};
