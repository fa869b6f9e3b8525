import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { v7 as uuidv7 } from 'uuid';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { generateToken, generateWebhookSecret, type SecretBox } from '@libs/security';
import {
  activationConflict,
  concurrentChange,
  IntegrationsErrorCode,
  invalidField,
  invalidFields,
  notFound,
} from '../integrations.errors';
import { INTEGRATIONS_SECRET_BOX } from '../secret-box';
import type { ConnectionTestOutcome } from './connection-test-outcome';
import type {
  CreateProviderConfigDto,
  ListProviderConfigsQueryDto,
  UpdateProviderConfigDto,
} from './dto/provider-config.dto';
import {
  ProviderConfigResponseDto,
  type ProviderConfigWithSecretResponseDto,
} from './dto/provider-config.response.dto';
import type { JsonObject, ProviderConfig, ProviderName } from './entities/provider-config.entity';
import { credentialProblems, PROVIDER_CATALOGUE } from './provider-catalogue';
import {
  type ProviderConfigChanges,
  ProviderConfigsRepository,
  type SealedProviderConfig,
} from './provider-configs.repository';
import {
  type Credentials,
  openCredentials,
  openInboundSecret,
  sealCredentials,
  sealInboundSecret,
} from './sealed-secrets';
import { isUniqueViolation } from '@libs/persistence';

/** The partial unique index allowing one active configuration per company and type. */
const ACTIVE_PER_TYPE = 'uq_provider_configs_company_id_type_active';

/** Settings are an open JSON object; this bounds what one configuration may store. */
const MAX_SETTINGS_BYTES = 16 * 1024;

/** Longest test message kept: enough for a server's error line. */
const MAX_TEST_MESSAGE = 500;

/**
 * Provider configurations of the active company (SPEC §11.7). Credentials and the inbound secret are
 * sealed with the current key of the SecretBox whenever they are written, never returned (the inbound
 * secret is shown once, on create and rotate) and never logged: errors name fields, not values.
 */
@Injectable()
export class ProviderConfigsService {
  constructor(
    private readonly configs: ProviderConfigsRepository,
    @Inject(INTEGRATIONS_SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async list(query: ListProviderConfigsQueryDto): Promise<Page<ProviderConfigResponseDto>> {
    const { type, provider, active, ...request } = query;
    const page = await this.configs.listPage({ type, provider, active }, request);
    return mapPage(page, (config) => ProviderConfigResponseDto.from(config));
  }

  async get(id: string): Promise<ProviderConfigResponseDto> {
    return ProviderConfigResponseDto.from(await this.mustFind(id));
  }

  /** 400 when the provider cannot serve the type or the credentials do not suit it. */
  @Transactional()
  async create(dto: CreateProviderConfigDto): Promise<ProviderConfigWithSecretResponseDto> {
    if (!PROVIDER_CATALOGUE[dto.provider].types.includes(dto.type)) {
      throw invalidField(
        'provider',
        `the ${dto.provider} provider cannot serve type ${dto.type}`,
        IntegrationsErrorCode.ProviderTypeMismatch,
      );
    }
    const credentials = validCredentials(dto.provider, dto.credentials ?? {});
    const settings = validSettings(dto.settings ?? {});
    const id = uuidv7();
    const inboundSecret = generateWebhookSecret();
    const active = dto.active ?? false;
    if (active) await this.configs.deactivateOthers(dto.type, id);
    const config = await this.withActivationConflict(() =>
      this.configs.insert({
        id,
        type: dto.type,
        provider: dto.provider,
        name: dto.name,
        active,
        ...this.sealed(id, credentials, inboundSecret),
        settings,
        inboundRouteKey: generateToken(),
      }),
    );
    return { ...ProviderConfigResponseDto.from(config), inboundSecret };
  }

  /** Name, settings (replaced) and credentials (merged: null removes a field). Honours If-Match. */
  @Transactional()
  async update(
    id: string,
    dto: UpdateProviderConfigDto,
    ifMatch: string | undefined,
  ): Promise<ProviderConfigResponseDto> {
    const config = await this.mustFindSealed(id);
    assertIfMatch(ifMatch, config.version);
    const changes: ProviderConfigChanges = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.settings !== undefined) changes.settings = validSettings(dto.settings);
    if (dto.credentials !== undefined) {
      const merged: Record<string, unknown> = {
        ...openCredentials(this.box, id, config.credentialsCiphertext),
      };
      for (const [field, value] of Object.entries(dto.credentials)) {
        if (value === null) delete merged[field];
        else merged[field] = value;
      }
      const credentials = validCredentials(config.provider, merged);
      // Both secrets are re-sealed together: the row's one encryption_key_id must describe both.
      const inboundSecret = openInboundSecret(this.box, id, config.inboundSecretCiphertext);
      Object.assign(changes, this.sealed(id, credentials, inboundSecret));
    }
    await this.apply(config, changes);
    return this.get(id);
  }

  /** Soft delete; an active configuration stops receiving webhooks with it. Honours If-Match. */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const config = await this.mustFind(id);
    assertIfMatch(ifMatch, config.version);
    if (!(await this.configs.softDelete(id, config.version))) throw concurrentChange();
  }

  /**
   * Makes it the active configuration of its type, deactivating the previous one in the same
   * transaction. Of two concurrent activations of one type, the second gets 409. Honours If-Match.
   */
  @Transactional()
  async activate(id: string, ifMatch: string | undefined): Promise<ProviderConfigResponseDto> {
    const config = await this.mustFind(id);
    assertIfMatch(ifMatch, config.version);
    if (config.active) return ProviderConfigResponseDto.from(config);
    await this.configs.deactivateOthers(config.type, id);
    await this.withActivationConflict(() => this.apply(config, { active: true }));
    return this.get(id);
  }

  /** Honours If-Match; deactivating an inactive configuration changes nothing. */
  @Transactional()
  async deactivate(id: string, ifMatch: string | undefined): Promise<ProviderConfigResponseDto> {
    const config = await this.mustFind(id);
    assertIfMatch(ifMatch, config.version);
    if (!config.active) return ProviderConfigResponseDto.from(config);
    await this.apply(config, { active: false });
    return this.get(id);
  }

  /** A new inbound secret, shown once; the old one stops verifying at once. Honours If-Match. */
  @Transactional()
  async rotateInboundSecret(
    id: string,
    ifMatch: string | undefined,
  ): Promise<ProviderConfigWithSecretResponseDto> {
    const config = await this.mustFindSealed(id);
    assertIfMatch(ifMatch, config.version);
    const credentials = openCredentials(this.box, id, config.credentialsCiphertext);
    const inboundSecret = generateWebhookSecret();
    await this.apply(config, this.sealed(id, credentials, inboundSecret));
    return { ...(await this.get(id)), inboundSecret };
  }

  /**
   * Runs the provider's live check and records its outcome. The check runs outside any transaction
   * (it may wait seconds on the network); only the recording is one.
   */
  async test(id: string): Promise<ProviderConfigResponseDto> {
    const config = await this.mustFindSealed(id);
    const credentials = openCredentials(this.box, id, config.credentialsCiphertext);
    const outcome = await PROVIDER_CATALOGUE[config.provider].test(credentials);
    await this.recordTest(id, outcome, credentials);
    return this.get(id);
  }

  @Transactional()
  private async recordTest(
    id: string,
    outcome: ConnectionTestOutcome,
    credentials: Credentials,
  ): Promise<void> {
    const message = withoutSecrets(outcome.message, credentials).slice(0, MAX_TEST_MESSAGE);
    if (!(await this.configs.recordTest(id, outcome.result, message)))
      throw notFound('Provider configuration');
  }

  /** Both secrets sealed under the current key, with the columns that describe them. */
  private sealed(id: string, credentials: Credentials, inboundSecret: string) {
    return {
      credentialsCiphertext: sealCredentials(this.box, id, credentials),
      credentialFields: Object.keys(credentials).sort(),
      inboundSecretCiphertext: sealInboundSecret(this.box, id, inboundSecret),
      encryptionKeyId: this.box.currentKeyId,
    };
  }

  private async apply(config: ProviderConfig, changes: ProviderConfigChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    if (!(await this.configs.update(config.id, config.version, changes))) throw concurrentChange();
  }

  private async withActivationConflict<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, ACTIVE_PER_TYPE)) throw activationConflict();
      throw error;
    }
  }

  private async mustFind(id: string): Promise<ProviderConfig> {
    const config = await this.configs.findById(id);
    if (!config) throw notFound('Provider configuration');
    return config;
  }

  private async mustFindSealed(id: string): Promise<SealedProviderConfig> {
    const config = await this.configs.findSealedById(id);
    if (!config) throw notFound('Provider configuration');
    return config;
  }
}

function validCredentials(provider: ProviderName, credentials: Record<string, unknown>): Credentials {
  const problems = credentialProblems(provider, credentials);
  if (problems.length) throw invalidFields(problems);
  return credentials as Credentials;
}

/** Settings come from a parsed JSON body, so they are JSON; only their size is bounded. */
function validSettings(settings: Record<string, unknown>): JsonObject {
  if (Buffer.byteLength(JSON.stringify(settings)) > MAX_SETTINGS_BYTES) {
    throw invalidField('settings', `must be at most ${MAX_SETTINGS_BYTES} bytes of JSON`);
  }
  return settings as JsonObject;
}

/** A server may echo what it was sent (a user name, a URL): every credential value is blanked. */
function withoutSecrets(message: string, credentials: Credentials): string {
  return Object.values(credentials)
    .filter((value) => value.length >= 4)
    .reduce((text, value) => text.split(value).join('[redacted]'), message);
}
