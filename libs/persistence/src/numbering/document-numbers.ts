import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { requireCompanyId } from '../tenancy/require-company';

/**
 * Gap-free document numbers per company, kind and period (SPEC §1): the counter row is upserted and
 * so locked until the caller's transaction ends. Concurrent documents of one company and period
 * queue on that row; a rollback gives the number back, so numbers are unique and without gaps.
 * Never `MAX()+1`, which two transactions can read alike.
 */
@Injectable()
export class DocumentNumbers {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The next value (1, 2, ...) for the context's company; must run inside the assigning transaction. */
  async next(kind: string, period: string): Promise<number> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error('DocumentNumbers.next must run inside the transaction that uses the number');
    }
    const rows: Array<{ value: string }> = await this.txHost.tx.query(
      `INSERT INTO platform.document_sequences AS s (company_id, kind, period, next_value)
       VALUES ($1, $2, $3, 2)
       ON CONFLICT (company_id, kind, period) DO UPDATE SET next_value = s.next_value + 1
       RETURNING s.next_value - 1 AS value`,
      [requireCompanyId(), kind, period],
    );
    return Number(rows[0].value);
  }
}

/** `<prefix>-<period>-<6 digits>`: `ORD-2026-000123` (more digits once a year passes 999,999). */
export function formatDocumentNumber(prefix: string, period: string, value: number): string {
  return `${prefix}-${period}-${String(value).padStart(6, '0')}`;
}
