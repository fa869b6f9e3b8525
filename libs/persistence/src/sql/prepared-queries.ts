import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

/** A statement PostgreSQL parses and plans once per connection, then reuses by name. */
export interface PreparedStatement {
  /** Unique in the application: `<module>.<what>` (two texts under one name would fail at run time). */
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return Object.freeze({ name, text });
}

/**
 * Runs named prepared statements straight on `pg`, for the hot paths of repositories (ARCHITECTURE §8:
 * unprepared statements and ORM hydration cost ~18 % and more on a point read). Inside an ambient
 * transaction the statement runs on the transaction's connection, otherwise on the pool. Errors come
 * out as TypeORM's QueryFailedError, so the problem filter maps them (23505 → 409 …) as for any query.
 */
@Injectable()
export class PreparedQueries {
  private readonly logger = new Logger('SQL');
  private readonly logQueries: boolean;

  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.logQueries = Boolean(dataSource.options.logging);
  }

  async rows<R extends QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<R[]> {
    if (this.logQueries) this.logger.debug(`${statement.name}: ${statement.text}`);
    try {
      const client = await this.client();
      const result = await client.query<R>({ name: statement.name, text: statement.text, values });
      return result.rows;
    } catch (error) {
      throw new QueryFailedError(statement.text, values, error as Error);
    }
  }

  async first<R extends QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<R | null> {
    return (await this.rows<R>(statement, values))[0] ?? null;
  }

  private async client(): Promise<Pool | PoolClient> {
    const queryRunner = this.txHost.isTransactionActive() ? this.txHost.tx.queryRunner : undefined;
    if (queryRunner) return (await queryRunner.connect()) as PoolClient;
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
