import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { CONTACT_POINT_FIELDS, contactPointFrom, selectList } from './customer-rows';
import type { ContactPointResponseDto } from './dto/contact-point.dto';
import type { ContactPointType } from './entities/customer-contact-point.entity';
import { insertStatement, rowsOf, setList } from './sql-rows';

export interface NewContactPoint {
  type: ContactPointType;
  label: string | null;
  value: string;
  isPrimary: boolean;
}

const RETURNING = `RETURNING ${selectList(CONTACT_POINT_FIELDS)}`;

/** A customer's contact points (rows of the context's company only). */
@Injectable()
export class ContactPointsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private async rows(text: string, values: unknown[]): Promise<ContactPointResponseDto[]> {
    return (await rowsOf(this.txHost.tx, text, values)).map(contactPointFrom);
  }

  async find(customerId: string, id: string): Promise<ContactPointResponseDto | null> {
    const [point] = await this.rows(
      `SELECT ${selectList(CONTACT_POINT_FIELDS)} FROM customers.customer_contact_points
        WHERE company_id = $1 AND customer_id = $2 AND id = $3`,
      [requireCompanyId(), customerId, id],
    );
    return point ?? null;
  }

  /** The point of this type and value, or else the primary of the type: what `email`/`phone` upsert. */
  async findValueOrPrimary(
    customerId: string,
    type: ContactPointType,
    value: string | null,
  ): Promise<{ sameValue: ContactPointResponseDto | null; primary: ContactPointResponseDto | null }> {
    const points = await this.rows(
      `SELECT ${selectList(CONTACT_POINT_FIELDS)} FROM customers.customer_contact_points
        WHERE company_id = $1 AND customer_id = $2 AND type = $3 AND (value = $4 OR is_primary)`,
      [requireCompanyId(), customerId, type, value],
    );
    return {
      sameValue: points.find((p) => p.value === value) ?? null,
      primary: points.find((p) => p.isPrimary) ?? null,
    };
  }

  /**
   * Inserts the points in one statement. A point that clashes with a unique (same type and value, or
   * a second primary) is skipped: the caller compares the count to tell a duplicate.
   */
  insert(customerId: string, points: NewContactPoint[]): Promise<ContactPointResponseDto[]> {
    if (points.length === 0) return Promise.resolve([]);
    const actor = currentActorId();
    const companyId = requireCompanyId();
    const { text, values } = insertStatement(
      'customers.customer_contact_points',
      points.map((p) => ({
        id: uuidv7(),
        company_id: companyId,
        customer_id: customerId,
        type: p.type,
        label: p.label,
        value: p.value,
        is_primary: p.isPrimary,
        created_by: actor,
        updated_by: actor,
      })),
      `ON CONFLICT DO NOTHING ${RETURNING}`,
    );
    return this.rows(text, values);
  }

  /** Throws the driver's 23505 when the new value is already another point of the type. */
  async update(
    customerId: string,
    id: string,
    changes: { label?: string | null; value?: string; is_primary?: boolean },
  ): Promise<ContactPointResponseDto | null> {
    const values: unknown[] = [requireCompanyId(), customerId, id, currentActorId()];
    const set = [
      ...setList(changes, values),
      'updated_at = now()',
      'updated_by = $4',
      'version = version + 1',
    ];
    const [point] = await this.rows(
      `UPDATE customers.customer_contact_points SET ${set.join(', ')}
        WHERE company_id = $1 AND customer_id = $2 AND id = $3 ${RETURNING}`,
      values,
    );
    return point ?? null;
  }

  async delete(customerId: string, id: string): Promise<ContactPointResponseDto | null> {
    const [point] = await this.rows(
      `DELETE FROM customers.customer_contact_points WHERE company_id = $1 AND customer_id = $2 AND id = $3 ${RETURNING}`,
      [requireCompanyId(), customerId, id],
    );
    return point ?? null;
  }

  /** Unmarks the primary of a type (before marking another one: the partial unique allows one). */
  async unsetPrimary(customerId: string, type: ContactPointType): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE customers.customer_contact_points
          SET is_primary = false, updated_at = now(), updated_by = $4, version = version + 1
        WHERE company_id = $1 AND customer_id = $2 AND type = $3 AND is_primary`,
      [requireCompanyId(), customerId, type, currentActorId()],
    );
  }

  /** Makes the oldest point of the type primary (after its primary was removed); no-op when none is left. */
  async promoteOldest(customerId: string, type: ContactPointType): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE customers.customer_contact_points
          SET is_primary = true, updated_at = now(), updated_by = $4, version = version + 1
        WHERE company_id = $1 AND id = (SELECT id FROM customers.customer_contact_points
                     WHERE company_id = $1 AND customer_id = $2 AND type = $3
                     ORDER BY created_at, id LIMIT 1)`,
      [requireCompanyId(), customerId, type, currentActorId()],
    );
  }

  /** Whether the customer has a point of this type already (the first one becomes primary). */
  async hasType(customerId: string, type: ContactPointType): Promise<boolean> {
    const rows = await rowsOf(
      this.txHost.tx,
      `SELECT 1 FROM customers.customer_contact_points WHERE company_id = $1 AND customer_id = $2 AND type = $3 LIMIT 1`,
      [requireCompanyId(), customerId, type],
    );
    return rows.length > 0;
  }
}
