import { ClsServiceManager } from 'nestjs-cls';
import { randomBytes } from 'node:crypto';
import { Column, DataSource, Entity, Index } from 'typeorm';
import {
  createDataSourceOptions,
  restoreSoftDeleted,
  runMigrationsWithLock,
  softDelete,
  TenantOwnedEntity,
} from '@libs/persistence';
import {
  createTestDatabase,
  TEST_ENV,
  type TestDatabase,
  withAdminClient,
  withDatabase,
} from '@libs/testing';
import type { RequestContextStore } from '@libs/core';

/** A fixture entity, only known to this test's data source (never part of the app's schema). */
@Entity({ schema: 'fixture', name: 'gadgets' })
@Index(['companyId', 'name'], { unique: true, where: 'deleted_at IS NULL' })
class Gadget extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ACTOR = '0190f5a4-0000-7000-8000-000000000001';
const COMPANY = '0190f5a4-0000-7000-8000-0000000000c1';

/** Runs `work` inside a request context whose principal is `actorId`, as an HTTP request would. */
function asActor<T>(actorId: string, work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  return cls.run(() => {
    cls.set('actor', { type: 'user', id: actorId });
    return work();
  });
}

describe('persistence conventions', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = createDataSourceOptions({ url: database.url, poolSize: 2 });
    dataSource = new DataSource({ ...options, entities: [Gadget] });
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA fixture');
    const plan = await dataSource.driver.createSchemaBuilder().log();
    for (const { query } of plan.upQueries) await dataSource.query(query);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('names constraints pk_/ix_ after the table and columns, in snake_case', async () => {
    const rows: Array<{ name: string }> = await dataSource.query(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'fixture.gadgets'::regclass
       UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'fixture' AND tablename = 'gadgets'`,
    );
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['pk_gadgets', 'ix_gadgets_company_id_name']),
    );
    const columns: Array<{ column_name: string }> = await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'fixture' AND table_name = 'gadgets'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual([
      'company_id',
      'created_at',
      'created_by',
      'deleted_at',
      'deleted_by',
      'id',
      'name',
      'updated_at',
      'updated_by',
      'version',
    ]);
  });

  it('fills a UUIDv7 id and the audit columns from the request context', async () => {
    const saved = await asActor(ACTOR, () =>
      dataSource
        .getRepository(Gadget)
        .save(Object.assign(new Gadget(), { companyId: COMPANY, name: 'lever' })),
    );
    expect(saved.id).toMatch(UUID_V7);
    const [row] = await dataSource.query(`SELECT * FROM fixture.gadgets WHERE id = $1`, [saved.id]);
    expect(row).toMatchObject({ created_by: ACTOR, updated_by: ACTOR, version: 1, deleted_at: null });
    expect(row.created_at.getMilliseconds()).toBe(saved.createdAt.getMilliseconds());

    const editor = '0190f5a4-0000-7000-8000-000000000002';
    await asActor(editor, () =>
      dataSource.getRepository(Gadget).save(Object.assign(saved, { name: 'lever 2' })),
    );
    const [updated] = await dataSource.query(`SELECT * FROM fixture.gadgets WHERE id = $1`, [saved.id]);
    expect(updated).toMatchObject({ created_by: ACTOR, updated_by: editor, version: 2 });
  });

  it('soft-deletes in one statement that records who deleted, and restores', async () => {
    const gadget = await asActor(ACTOR, () =>
      dataSource
        .getRepository(Gadget)
        .save(Object.assign(new Gadget(), { companyId: COMPANY, name: 'pulley' })),
    );
    const deleter = '0190f5a4-0000-7000-8000-000000000003';
    const deleted = await asActor(deleter, () =>
      softDelete(dataSource.manager, Gadget, 'id = :id', { id: gadget.id }),
    );
    expect(deleted).toBe(1);
    const [row] = await dataSource.query(`SELECT * FROM fixture.gadgets WHERE id = $1`, [gadget.id]);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({ deleted_by: deleter, version: 2 });
    expect(await dataSource.getRepository(Gadget).findOneBy({ id: gadget.id })).toBeNull();
    expect(await softDelete(dataSource.manager, Gadget, 'id = :id', { id: gadget.id })).toBe(0);

    // The partial unique index lets a new row take the name of a deleted one...
    await dataSource
      .getRepository(Gadget)
      .save(Object.assign(new Gadget(), { companyId: COMPANY, name: 'pulley' }));
    // ...so restoring the deleted one now clashes.
    await expect(
      restoreSoftDeleted(dataSource.manager, Gadget, 'id = :id', { id: gadget.id }),
    ).rejects.toThrow(/duplicate key/);
  });
});

describe('migration runner', () => {
  it('lets two instances start at once: one migrates, the other waits and finds nothing to do', async () => {
    const adminUrl = process.env[TEST_ENV.adminUrl]!;
    const name = `cornerstone_test_lock_${randomBytes(4).toString('hex')}`;
    await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(adminUrl, name);
    const instances = [1, 2].map(() => new DataSource(createDataSourceOptions({ url, poolSize: 2 })));
    try {
      await Promise.all(instances.map((ds) => ds.initialize()));
      const [first, second] = await Promise.all(instances.map((ds) => runMigrationsWithLock(ds)));
      const applied = [first.length, second.length].sort();
      expect(applied[0]).toBe(0);
      expect(applied[1]).toBeGreaterThan(0);
      const [{ count }] = await instances[0].query('SELECT count(*)::int AS count FROM migrations');
      expect(count).toBe(applied[1]);
    } finally {
      await Promise.all(instances.map((ds) => ds.destroy()));
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    }
  });
});
