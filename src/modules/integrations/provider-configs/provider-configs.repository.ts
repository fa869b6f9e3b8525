import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId, softDelete } from '@libs/persistence';
import { PROVIDER_CONFIG_SORT } from './dto/provider-config.dto';
import {
  ProviderConfig,
  type ProviderName,
  type ProviderType,
  type TestResult,
} from './entities/provider-config.entity';

export interface ProviderConfigFilter {
  type?: ProviderType;
  provider?: ProviderName;
  active?: boolean;
}

/** A configuration with its two ciphertexts (never loaded unless asked for). */
export type SealedProviderConfig = ProviderConfig &
  Required<Pick<ProviderConfig, 'credentialsCiphertext' | 'inboundSecretCiphertext'>>;

export type NewProviderConfig = Pick<
  SealedProviderConfig,
  | 'id'
  | 'type'
  | 'provider'
  | 'name'
  | 'active'
  | 'credentialsCiphertext'
  | 'credentialFields'
  | 'inboundSecretCiphertext'
  | 'encryptionKeyId'
  | 'settings'
  | 'inboundRouteKey'
>;

export type ProviderConfigChanges = Partial<
  Pick<
    ProviderConfig,
    | 'name'
    | 'active'
    | 'settings'
    | 'credentialsCiphertext'
    | 'credentialFields'
    | 'inboundSecretCiphertext'
    | 'encryptionKeyId'
  >
>;

const SECRET_COLUMNS = ['config.credentialsCiphertext', 'config.inboundSecretCiphertext'];

/**
 * Provider configurations of the request's company (fails closed without one), except
 * `findActiveByRouteKey`: an inbound webhook names its configuration by route key alone, and that key
 * is what tells which company it is for.
 */
@Injectable()
export class ProviderConfigsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get configs(): Repository<ProviderConfig> {
    return this.txHost.tx.getRepository(ProviderConfig);
  }

  /** A live (not deleted) configuration of the company, without its ciphertexts. */
  findById(id: string): Promise<ProviderConfig | null> {
    return this.configs.findOne({ where: { companyId: requireCompanyId(), id } });
  }

  /** The same with both ciphertexts, for the few operations that open or re-seal them. */
  async findSealedById(id: string): Promise<SealedProviderConfig | null> {
    const config = await this.configs
      .createQueryBuilder('config')
      .addSelect(SECRET_COLUMNS)
      .where('config.company_id = :companyId AND config.id = :id', { companyId: requireCompanyId(), id })
      .getOne();
    return config as SealedProviderConfig | null;
  }

  /** The active, live configuration an inbound route key names, of any company (see the class comment). */
  async findActiveByRouteKey(routeKey: string): Promise<SealedProviderConfig | null> {
    const config = await this.configs
      .createQueryBuilder('config')
      .addSelect(SECRET_COLUMNS)
      .where('config.inbound_route_key = :routeKey AND config.active', { routeKey })
      .getOne();
    return config as SealedProviderConfig | null;
  }

  listPage(filter: ProviderConfigFilter, request: KeysetPageRequest): Promise<Page<ProviderConfig>> {
    const query = this.configs
      .createQueryBuilder('config')
      .where('config.company_id = :companyId', { companyId: requireCompanyId() });
    if (filter.type) query.andWhere('config.type = :type', { type: filter.type });
    if (filter.provider) query.andWhere('config.provider = :provider', { provider: filter.provider });
    if (filter.active !== undefined) query.andWhere('config.active = :active', { active: filter.active });
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'config.createdAt', name: 'config.name' },
      defaultSort: PROVIDER_CONFIG_SORT.default,
      tieBreaker: { key: 'id', column: 'config.id' },
    });
  }

  /** INSERT … RETURNING: the entity comes back with its defaults (timestamps, version). */
  async insert(config: NewProviderConfig): Promise<ProviderConfig> {
    const actor = currentActorId();
    const entity = this.configs.create({
      ...config,
      companyId: requireCompanyId(),
      lastTestedAt: null,
      lastTestResult: null,
      lastTestMessage: null,
      createdBy: actor,
      updatedBy: actor,
    });
    await this.configs.insert(entity);
    return entity;
  }

  /** Applies `changes` and bumps the version if the row still has `version`; false when it changed meanwhile. */
  async update(id: string, version: number, changes: ProviderConfigChanges): Promise<boolean> {
    const result = await this.configs
      .createQueryBuilder()
      .update(ProviderConfig)
      .set({ ...changes, updatedBy: currentActorId(), version: () => 'version + 1' })
      .where('company_id = :companyId AND id = :id AND version = :version AND deleted_at IS NULL', {
        companyId: requireCompanyId(),
        id,
        version,
      })
      .callListeners(false)
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Deactivates the active configuration of `type` other than `exceptId` (activation swaps them). */
  async deactivateOthers(type: ProviderType, exceptId: string): Promise<void> {
    await this.configs
      .createQueryBuilder()
      .update(ProviderConfig)
      .set({ active: false, updatedBy: currentActorId(), version: () => 'version + 1' })
      .where(
        'company_id = :companyId AND type = :type AND active AND id <> :exceptId AND deleted_at IS NULL',
        {
          companyId: requireCompanyId(),
          type,
          exceptId,
        },
      )
      .callListeners(false)
      .execute();
  }

  /**
   * Stamps the outcome of a live test. Not a change of the configuration itself, so the version (and
   * the ETag clients hold for their next change) stays.
   */
  async recordTest(id: string, result: TestResult, message: string): Promise<boolean> {
    const [, affected] = await this.txHost.tx.query<[unknown[], number]>(
      `UPDATE platform.provider_configs
          SET last_tested_at = now(), last_test_result = $3, last_test_message = $4
        WHERE company_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [requireCompanyId(), id, result, message],
    );
    return affected === 1;
  }

  /** Soft delete (deleted_at and deleted_by in one UPDATE) if the row still has `version`. */
  async softDelete(id: string, version: number): Promise<boolean> {
    const deleted = await softDelete(
      this.txHost.tx,
      ProviderConfig,
      'company_id = :companyId AND id = :id AND version = :version',
      { companyId: requireCompanyId(), id, version },
    );
    return deleted === 1;
  }
}
