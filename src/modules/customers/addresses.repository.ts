import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { ADDRESS_FIELDS, addressFrom, selectList } from './customer-rows';
import type { AddressResponseDto } from './dto/address.dto';
import type { AddressType } from './entities/customer-address.entity';
import { insertStatement, rowsOf, setList } from './sql-rows';

export interface AddressColumns {
  type: AddressType;
  line1: string;
  line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country_code: string | null;
  is_default: boolean;
}

const RETURNING = `RETURNING ${selectList(ADDRESS_FIELDS)}`;

/** A customer's postal addresses (rows of the context's company only). */
@Injectable()
export class AddressesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private async rows(text: string, values: unknown[]): Promise<AddressResponseDto[]> {
    return (await rowsOf(this.txHost.tx, text, values)).map(addressFrom);
  }

  async find(customerId: string, id: string): Promise<AddressResponseDto | null> {
    const [address] = await this.rows(
      `SELECT ${selectList(ADDRESS_FIELDS)} FROM customers.customer_addresses
        WHERE company_id = $1 AND customer_id = $2 AND id = $3`,
      [requireCompanyId(), customerId, id],
    );
    return address ?? null;
  }

  /** Inserts the addresses in one statement (at most one default per type: the caller checked). */
  insert(customerId: string, addresses: AddressColumns[]): Promise<AddressResponseDto[]> {
    if (addresses.length === 0) return Promise.resolve([]);
    const actor = currentActorId();
    const companyId = requireCompanyId();
    const { text, values } = insertStatement(
      'customers.customer_addresses',
      addresses.map((a) => ({
        id: uuidv7(),
        company_id: companyId,
        customer_id: customerId,
        ...a,
        created_by: actor,
        updated_by: actor,
      })),
      RETURNING,
    );
    return this.rows(text, values);
  }

  async update(
    customerId: string,
    id: string,
    changes: Partial<AddressColumns>,
  ): Promise<AddressResponseDto | null> {
    const values: unknown[] = [requireCompanyId(), customerId, id, currentActorId()];
    const set = [
      ...setList(changes, values),
      'updated_at = now()',
      'updated_by = $4',
      'version = version + 1',
    ];
    const [address] = await this.rows(
      `UPDATE customers.customer_addresses SET ${set.join(', ')}
        WHERE company_id = $1 AND customer_id = $2 AND id = $3 ${RETURNING}`,
      values,
    );
    return address ?? null;
  }

  async delete(customerId: string, id: string): Promise<AddressResponseDto | null> {
    const [address] = await this.rows(
      `DELETE FROM customers.customer_addresses WHERE company_id = $1 AND customer_id = $2 AND id = $3 ${RETURNING}`,
      [requireCompanyId(), customerId, id],
    );
    return address ?? null;
  }

  /** Unmarks the default of a type, except `keepId` (before marking another one default). */
  async unsetDefault(customerId: string, type: AddressType, keepId: string | null = null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE customers.customer_addresses
          SET is_default = false, updated_at = now(), updated_by = $4, version = version + 1
        WHERE company_id = $1 AND customer_id = $2 AND type = $3 AND is_default AND id IS DISTINCT FROM $5`,
      [requireCompanyId(), customerId, type, currentActorId(), keepId],
    );
  }
}
