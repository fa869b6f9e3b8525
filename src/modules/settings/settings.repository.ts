import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';

export interface StoredSetting {
  /** null = the installation-wide value. */
  companyId: string | null;
  key: string;
  value: unknown;
}

/**
 * Stored setting values. Every method names its scope: a company id (the caller takes it from the
 * request context with requireCompanyId(), never from input) or null for the installation-wide rows,
 * which every company reads.
 */
@Injectable()
export class SettingsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The company's and the installation's values of `keys`, in one query. */
  storedFor(companyId: string | null, keys: readonly string[]): Promise<StoredSetting[]> {
    return this.txHost.tx.query<StoredSetting[]>(
      `SELECT company_id AS "companyId", key, value FROM platform.settings
        WHERE (company_id IS NULL OR company_id = $1) AND key = ANY($2::text[])`,
      [companyId, keys],
    );
  }

  /** Every company's own value of one key (installation-wide jobs, e.g. the audit purge). */
  companyOverrides(key: string): Promise<Array<{ companyId: string; value: unknown }>> {
    return this.txHost.tx.query(
      `SELECT company_id AS "companyId", value FROM platform.settings
        WHERE key = $1 AND company_id IS NOT NULL`,
      [key],
    );
  }

  /**
   * Sets the value of the scope in one statement. Writing the value already stored changes nothing
   * (no version bump, hence no audit row).
   */
  async upsert(companyId: string | null, key: string, value: unknown): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO platform.settings AS s (id, company_id, key, value, created_by, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $5)
       ON CONFLICT (company_id, key) DO UPDATE
          SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by,
              version = s.version + 1
        WHERE s.value IS DISTINCT FROM EXCLUDED.value`,
      [uuidv7(), companyId, key, JSON.stringify(value), currentActorId()],
    );
  }

  /** Removes the scope's value, so the next level applies again. */
  async remove(companyId: string | null, key: string): Promise<void> {
    await this.txHost.tx.query(
      `DELETE FROM platform.settings WHERE company_id IS NOT DISTINCT FROM $1 AND key = $2`,
      [companyId, key],
    );
  }
}
