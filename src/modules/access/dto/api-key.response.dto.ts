import { ApiProperty } from '@nestjs/swagger';
import type { ApiKey } from '../entities/api-key.entity';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** An API key as listed: never its secret. */
export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Warehouse sync' })
  name: string;

  /** The visible start of the token, to tell keys apart. */
  @ApiProperty({ example: 'csk_Ab3dEf9h' })
  prefix: string;

  @ApiProperty({ format: 'uuid' })
  roleId: string;

  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status: ApiKeyStatus;

  @ApiProperty({ type: Date, nullable: true })
  expiresAt: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  lastUsedIp: string | null;

  @ApiProperty({ type: Date, nullable: true })
  revokedAt: Date | null;

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

  static from(key: ApiKey, now = new Date()): ApiKeyResponseDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      roleId: key.roleId,
      status: key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active',
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      lastUsedIp: key.lastUsedIp,
      revokedAt: key.revokedAt,
      createdAt: key.createdAt,
      createdBy: key.createdBy,
      updatedAt: key.updatedAt,
      updatedBy: key.updatedBy,
      version: key.version,
    };
  }
}

/** The answer to creating a key: the only time its secret is shown. */
export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  /** The secret, `csk_…`: shown once, store it now. Send it as `Authorization: Bearer <token>`. */
  @ApiProperty({ example: 'csk_Ab3dEf9h_…' })
  token: string;
}
