import { ApiProperty } from '@nestjs/swagger';
import {
  PROVIDER_TYPES,
  PROVIDERS,
  type ProviderConfig,
  TEST_RESULTS,
} from '../entities/provider-config.entity';

/** Where a provider sends its webhooks for this configuration (under the API base path). */
export const inboundPathOf = (config: Pick<ProviderConfig, 'provider' | 'inboundRouteKey'>): string =>
  `/api/v1/inbound/${config.provider}/${config.inboundRouteKey}`;

/** A provider configuration as every response shows it: credentials only as `{<field>: "set"}`. */
export class ProviderConfigResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PROVIDER_TYPES })
  type: string;

  @ApiProperty({ enum: PROVIDERS })
  provider: string;

  @ApiProperty({ example: 'WhatsApp gateway' })
  name: string;

  /** At most one configuration per type is active. */
  @ApiProperty()
  active: boolean;

  /** Which credential fields are stored; their values are write-only. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['set'] },
    example: { url: 'set' },
  })
  credentials: Record<string, 'set'>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings: Record<string, unknown>;

  /** Not secret: the random part of `inboundPath`, naming this configuration. */
  @ApiProperty({ example: 'pQ2vJ8rM4xYk0bW6nL1sT9cH3dF7gA5eR2uI8oZ0yXw' })
  inboundRouteKey: string;

  /** Where the provider sends webhooks, signed with the inbound secret. */
  @ApiProperty({ example: '/api/v1/inbound/generic/pQ2vJ8rM4xYk0bW6nL1sT9cH3dF7gA5eR2uI8oZ0yXw' })
  inboundPath: string;

  @ApiProperty({ type: Date, nullable: true })
  lastTestedAt: Date | null;

  @ApiProperty({ type: String, nullable: true, enum: TEST_RESULTS })
  lastTestResult: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastTestMessage: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(config: ProviderConfig): ProviderConfigResponseDto {
    return {
      id: config.id,
      type: config.type,
      provider: config.provider,
      name: config.name,
      active: config.active,
      credentials: Object.fromEntries(config.credentialFields.map((field) => [field, 'set' as const])),
      settings: config.settings,
      inboundRouteKey: config.inboundRouteKey,
      inboundPath: inboundPathOf(config),
      lastTestedAt: config.lastTestedAt,
      lastTestResult: config.lastTestResult,
      lastTestMessage: config.lastTestMessage,
      createdAt: config.createdAt,
      createdBy: config.createdBy,
      updatedAt: config.updatedAt,
      updatedBy: config.updatedBy,
      version: config.version,
    };
  }
}

/** The answer of create and rotate: the inbound secret, shown this once only. */
export class ProviderConfigWithSecretResponseDto extends ProviderConfigResponseDto {
  /** `whsec_…`: the key the provider signs its webhooks with (Standard Webhooks). Shown once. */
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  inboundSecret: string;
}
