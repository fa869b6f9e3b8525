import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { IDENTITY_FIELDS, identityFrom, selectList } from './customer-rows';
import type { IdentityResponseDto } from './dto/identity.dto';
import type { IdentityChannel } from './entities/customer-identity.entity';
import { rowsOf } from './sql-rows';

export interface NewIdentity {
  channel: IdentityChannel;
  externalId: string;
  displayName: string | null;
  metadata: Record<string, unknown>;
}

const RETURNING = `RETURNING ${selectList(IDENTITY_FIELDS)}`;

/** Channel identities of customers (rows of the context's company only). */
@Injectable()
export class IdentitiesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private async rows(text: string, values: unknown[]): Promise<IdentityResponseDto[]> {
    return (await rowsOf(this.txHost.tx, text, values)).map(identityFrom);
  }

  /**
   * Attaches the identity, or returns null when the company already has it (on any customer): the
   * conflict is skipped rather than raised, so the transaction stays usable to name the holder.
   */
  async insert(customerId: string, identity: NewIdentity): Promise<IdentityResponseDto | null> {
    const actor = currentActorId();
    const [row] = await this.rows(
      `INSERT INTO customers.customer_identities
              (id, company_id, customer_id, channel, external_id, display_name, metadata, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $8)
       ON CONFLICT (company_id, channel, external_id) DO NOTHING ${RETURNING}`,
      [
        uuidv7(),
        requireCompanyId(),
        customerId,
        identity.channel,
        identity.externalId,
        identity.displayName,
        JSON.stringify(identity.metadata),
        actor,
      ],
    );
    return row ?? null;
  }

  /** The customer holding this identity in the company (deleted customers included). */
  async holderOf(channel: IdentityChannel, externalId: string): Promise<string | null> {
    const [row] = await rowsOf<{ customerId: string }>(
      this.txHost.tx,
      `SELECT customer_id AS "customerId" FROM customers.customer_identities
        WHERE company_id = $1 AND channel = $2 AND external_id = $3`,
      [requireCompanyId(), channel, externalId],
    );
    return row?.customerId ?? null;
  }

  /** Detaching deletes the row (SPEC §5: the unique is not partial). */
  async delete(customerId: string, id: string): Promise<IdentityResponseDto | null> {
    const [identity] = await this.rows(
      `DELETE FROM customers.customer_identities WHERE company_id = $1 AND customer_id = $2 AND id = $3 ${RETURNING}`,
      [requireCompanyId(), customerId, id],
    );
    return identity ?? null;
  }
}
