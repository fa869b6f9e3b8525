import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { generatePrefixedToken, hashToken } from '@libs/security';
import { type PermissionMap, assertCanGrant } from './access.service';
import {
  AccessError,
  AccessErrorCode,
  concurrentChange,
  invalidFields,
  notFound,
  referenceNotFound,
} from './access.errors';
import { ApiKeysRepository } from './api-keys.repository';
import type { CreateApiKeyDto, ListApiKeysQueryDto, UpdateApiKeyDto } from './dto/api-key.dto';
import { ApiKeyResponseDto, CreatedApiKeyResponseDto } from './dto/api-key.response.dto';
import type { ApiKey } from './entities/api-key.entity';
import { RolesRepository } from './roles.repository';

/** The token prefix of API keys: `csk_<8>_<43>`. */
export const API_KEY_TOKEN_PREFIX = 'csk';

/**
 * API keys of the active company (SPEC §4): the secret is shown once at creation and stored as sha256
 * only. TODO(audit): creation, change and revocation must write audit rows once the audit log exists.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly roles: RolesRepository,
  ) {}

  async list(query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const now = new Date();
    return mapPage(await this.apiKeys.listPage(query), (key) => ApiKeyResponseDto.from(key, now));
  }

  async get(id: string): Promise<ApiKeyResponseDto> {
    return ApiKeyResponseDto.from(await this.mustFind(id));
  }

  /** 400 `roleId` when the role is not in the company; 403 when it grants more than the caller holds. */
  @Transactional()
  async create(dto: CreateApiKeyDto, granter: PermissionMap): Promise<CreatedApiKeyResponseDto> {
    const role = await this.roles.findById(dto.roleId);
    if (!role) throw referenceNotFound('roleId', 'The role');
    assertFuture(dto.expiresAt);
    assertCanGrant((await this.roles.grantsOf([role.id])).get(role.id) ?? [], granter);
    const { token, visiblePrefix } = generatePrefixedToken(API_KEY_TOKEN_PREFIX);
    const key = await this.apiKeys.insert({
      name: dto.name,
      prefix: visiblePrefix,
      keyHash: hashToken(token),
      roleId: role.id,
      expiresAt: dto.expiresAt ?? null,
    });
    return { ...ApiKeyResponseDto.from(key), token };
  }

  @Transactional()
  async update(id: string, dto: UpdateApiKeyDto, ifMatch: string | undefined): Promise<ApiKeyResponseDto> {
    const key = await this.mustFind(id);
    assertIfMatch(ifMatch, key.version);
    if (key.revokedAt) {
      throw new AccessError(409, AccessErrorCode.ApiKeyRevoked, 'A revoked API key cannot be changed');
    }
    if (dto.expiresAt) assertFuture(dto.expiresAt);
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.expiresAt !== undefined ? { expiresAt: dto.expiresAt } : {}),
    };
    if (Object.keys(changes).length && !(await this.apiKeys.update(id, key.version, changes))) {
      throw concurrentChange();
    }
    return this.get(id);
  }

  /** Revokes the key at once (its next request gets 401). Revoking a revoked key changes nothing. */
  @Transactional()
  async revoke(id: string, ifMatch: string | undefined): Promise<ApiKeyResponseDto> {
    const key = await this.mustFind(id);
    assertIfMatch(ifMatch, key.version);
    if (!key.revokedAt && !(await this.apiKeys.update(id, key.version, { revoke: true }))) {
      throw concurrentChange();
    }
    return this.get(id);
  }

  private async mustFind(id: string): Promise<ApiKey> {
    const key = await this.apiKeys.findById(id);
    if (!key) throw notFound('API key');
    return key;
  }
}

function assertFuture(expiresAt: Date | null | undefined): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw invalidFields([
      { path: 'expiresAt', code: AccessErrorCode.ValidationFailed, message: 'must be in the future' },
    ]);
  }
}
