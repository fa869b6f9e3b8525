import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { currentActorId, type Page } from '@libs/core';
import { prepared, PreparedQueries, type PreparedStatement, requireCompanyId } from '@libs/persistence';
import {
  type CustomerListFilter,
  type CustomerListRequest,
  customerCountStatement,
  customerListStatement,
  nextCursorOf,
  type OwnerScope,
} from './customer-list-sql';
import {
  CHILDREN_SELECT,
  type ChildCollection,
  CUSTOMER_DETAIL_SELECT,
  CUSTOMER_FIELDS,
  customerDetailFrom,
  customerFrom,
  selectList,
} from './customer-rows';
import { scopeValues } from './customer-scope';
import type { CustomerDetailResponseDto, CustomerResponseDto } from './dto/customer.response.dto';
import type { CustomerKind, CustomerStatus, CustomerTier } from './entities/customer.entity';
import { type Row, rowsOf, setList } from './sql-rows';

/** The columns a service may write (snake_case); email/phone are derived from the contact points. */
export interface CustomerColumns {
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  legal_name: string | null;
  tax_id: string | null;
  website: string | null;
  organization_id: string | null;
  tier: CustomerTier;
  status: CustomerStatus;
  owner_id: string | null;
  attributes: string;
  blocked: boolean;
  blocked_at: Date | null;
  blocked_reason: string | null;
}

export interface NewCustomer extends Omit<CustomerColumns, 'blocked' | 'blocked_at' | 'blocked_reason'> {
  id: string;
  kind: CustomerKind;
  email: string | null;
  phone: string | null;
}

/** What a change needs to know about the customer it changes (read under FOR UPDATE). */
export interface CustomerState {
  id: string;
  kind: CustomerKind;
  version: number;
  ownerId: string | null;
  blocked: boolean;
}

/** Another customer named in a body (`organizationId`). */
export interface CustomerReference {
  id: string;
  kind: CustomerKind;
  blocked: boolean;
  deletedAt: Date | null;
}

const SCOPE = `($3::boolean OR c.owner_id = $4)`;

const DETAIL = prepared(
  'customers.customer-detail',
  `SELECT ${CUSTOMER_DETAIL_SELECT} FROM customers.customers c
    WHERE c.company_id = $1 AND c.id = $2 AND c.deleted_at IS NULL AND ${SCOPE}`,
);

const REFERENCE = prepared(
  'customers.customer-reference',
  `SELECT id, kind, blocked, deleted_at AS "deletedAt" FROM customers.customers WHERE company_id = $1 AND id = $2`,
);

/** email/phone always follow the primary contact points, recomputed in every UPDATE (`u`) of the row. */
const MIRROR = ['email', 'phone']
  .map(
    (type) => `${type} = (SELECT p.value FROM customers.customer_contact_points p
      WHERE p.company_id = u.company_id AND p.customer_id = u.id
        AND p.type = '${type}' AND p.is_primary)`,
  )
  .join(', ');

/**
 * The customers table, in hand-written SQL: every read is ONE statement (a list page; the whole
 * aggregate by id), every write returns what the response needs (RETURNING, or an UPDATE inside a
 * CTE whose SELECT adds the children), so nothing is read twice. Every statement is filtered by the
 * company of the request context (requireCompanyId) and, where the caller's scope is `own`, by owner.
 */
@Injectable()
export class CustomersRepository {
  /** One named prepared statement per plain SQL shape of the list (filters present, sort, cursor). */
  private readonly listStatements = new Map<string, PreparedStatement>();

  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(PreparedQueries) private readonly sql: PreparedQueries,
  ) {}

  async listPage(
    request: Omit<CustomerListRequest, 'companyId'> & { withTotal?: boolean },
  ): Promise<Page<CustomerResponseDto>> {
    const companyId = requireCompanyId();
    const statement = customerListStatement({ ...request, companyId });
    const rows = statement.prepare
      ? await this.sql.rows<Row>(this.listStatement(statement.text), statement.values)
      : await rowsOf(this.txHost.tx, statement.text, statement.values);
    const total = request.withTotal ? await this.count({ ...request, companyId }) : undefined;
    return {
      data: rows.slice(0, request.limit).map(customerFrom),
      page: {
        limit: request.limit,
        nextCursor: nextCursorOf(rows, statement, request.limit),
        ...(total === undefined ? {} : { total }),
      },
    };
  }

  private async count(filter: CustomerListFilter): Promise<number> {
    const { text, values } = customerCountStatement(filter);
    const [row] = await rowsOf<{ total: number }>(this.txHost.tx, text, values);
    return row.total;
  }

  private listStatement(text: string): PreparedStatement {
    let statement = this.listStatements.get(text);
    if (!statement) {
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      statement = prepared(`customers.list-${hash}`, text);
      this.listStatements.set(text, statement);
    }
    return statement;
  }

  /** The live customer with its contact points, addresses, identities and tags, if in scope. */
  async findDetail(id: string, scope: OwnerScope): Promise<CustomerDetailResponseDto | null> {
    const row = await this.sql.first<Row>(DETAIL, [requireCompanyId(), id, ...scopeValues(scope)]);
    return row ? customerDetailFrom(row) : null;
  }

  /**
   * One child collection of a live customer in scope, with the customer's version (its ETag), in one
   * statement; null when the customer is not found. The rows are raw (map them with the row mappers).
   */
  async findChildren(
    id: string,
    scope: OwnerScope,
    collection: ChildCollection,
  ): Promise<{ version: number; rows: Row[] } | null> {
    const [row] = await rowsOf<{ version: number } & Row>(
      this.txHost.tx,
      `SELECT c.version, ${CHILDREN_SELECT[collection]} FROM customers.customers c
        WHERE c.company_id = $1 AND c.id = $2 AND c.deleted_at IS NULL AND ${SCOPE}`,
      [requireCompanyId(), id, ...scopeValues(scope)],
    );
    return row ? { version: row.version, rows: row[collection] as Row[] } : null;
  }

  /**
   * Locks the customer for a change (FOR UPDATE: concurrent changes of one customer and of its
   * primary contact points queue up). Live customers, or with `deleted` the soft-deleted ones.
   */
  async lockForChange(id: string, scope: OwnerScope, deleted = false): Promise<CustomerState | null> {
    const [row] = await rowsOf<Row>(
      this.txHost.tx,
      `SELECT c.id, c.kind, c.version, c.owner_id AS "ownerId", c.blocked FROM customers.customers c
        WHERE c.company_id = $1 AND c.id = $2 AND c.deleted_at IS ${deleted ? 'NOT ' : ''}NULL AND ${SCOPE}
        FOR UPDATE`,
      [requireCompanyId(), id, ...scopeValues(scope)],
    );
    return (row as unknown as CustomerState | undefined) ?? null;
  }

  /** Any customer of the company, deleted or not (for body references and other modules). */
  async findReference(id: string): Promise<CustomerReference | null> {
    return this.sql.first<CustomerReference & Row>(REFERENCE, [requireCompanyId(), id]);
  }

  /** INSERT … RETURNING the list fields (the caller knows the tags it attached). */
  async insert(customer: NewCustomer): Promise<Omit<CustomerResponseDto, 'tagIds'>> {
    const actor = currentActorId();
    const columns: Record<string, unknown> = {
      ...customer,
      company_id: requireCompanyId(),
      created_by: actor,
      updated_by: actor,
    };
    const names = Object.keys(columns);
    const [row] = await rowsOf(
      this.txHost.tx,
      `INSERT INTO customers.customers (${names.join(', ')})
       VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING ${selectList(CUSTOMER_FIELDS)}`,
      Object.values(columns),
    );
    return customerFrom({ ...row, tagIds: [] });
  }

  /**
   * Writes `changes`, re-mirrors email/phone from the primary contact points and bumps the version, if
   * the row still has `version`; returns the whole aggregate after the change (null: it changed
   * meanwhile). With no changes it is the "touch" of a child change (contact point, tag...).
   */
  async update(
    id: string,
    version: number,
    changes: Partial<CustomerColumns>,
  ): Promise<CustomerDetailResponseDto | null> {
    const values: unknown[] = [requireCompanyId(), id, version, currentActorId()];
    const set = [
      ...setList(changes, values),
      MIRROR,
      'version = version + 1',
      'updated_at = now()',
      'updated_by = $4',
    ];
    return this.changeReturningDetail(
      `UPDATE customers.customers u SET ${set.join(', ')}
        WHERE company_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING *`,
      values,
    );
  }

  /** Soft delete: deleted_at and deleted_by in one UPDATE (the children stay). */
  softDelete(id: string, version: number): Promise<CustomerDetailResponseDto | null> {
    return this.changeReturningDetail(
      `UPDATE customers.customers
          SET deleted_at = now(), deleted_by = $4, version = version + 1
        WHERE company_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING *`,
      [requireCompanyId(), id, version, currentActorId()],
    );
  }

  restore(id: string, version: number): Promise<CustomerDetailResponseDto | null> {
    return this.changeReturningDetail(
      `UPDATE customers.customers
          SET deleted_at = NULL, deleted_by = NULL, updated_at = now(), updated_by = $4, version = version + 1
        WHERE company_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NOT NULL RETURNING *`,
      [requireCompanyId(), id, version, currentActorId()],
    );
  }

  /** The UPDATE in a CTE, its new row aliased `c` for the detail select list: one statement. */
  private async changeReturningDetail(
    update: string,
    values: unknown[],
  ): Promise<CustomerDetailResponseDto | null> {
    const [row] = await rowsOf(
      this.txHost.tx,
      `WITH c AS (${update}) SELECT ${CUSTOMER_DETAIL_SELECT} FROM c`,
      values,
    );
    return row ? customerDetailFrom(row) : null;
  }
}
