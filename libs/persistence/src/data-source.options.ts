import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { AuditContextSubscriber } from './audit/audit-context.subscriber';
import { AuditColumnsSubscriber } from './entities/audit-columns.subscriber';
import { SnakeNamingStrategy } from './naming/snake-naming.strategy';

/** The project root, whether running from sources (tests, CLI) or from `dist/` (built app). */
const PROJECT_ROOT = join(__dirname, '..', '..', '..');

export interface DataSourceSettings {
  url: string;
  /** Pool size of the application; small for CLI and tests. */
  poolSize?: number;
  applicationName?: string;
  /** Log every SQL statement (development aid). */
  logQueries?: boolean;
}

/**
 * THE data-source options of the project, used by the app, the CLI and the tests alike, so they can
 * never disagree on entities, migrations or naming. Schema changes happen through migrations only.
 */
export function createDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const extension = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName ?? 'cornerstone',
    entities: [join(PROJECT_ROOT, `{src,libs}/**/*.entity.${extension}`)],
    migrations: [join(PROJECT_ROOT, `migrations/*.${extension}`)],
    subscribers: [AuditColumnsSubscriber, AuditContextSubscriber],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    metadataTableName: 'typeorm_metadata',
    // Failed queries are logged by the problem filter (without their parameters, which may hold
    // secrets); statement logging is a development aid only.
    logging: settings.logQueries ? 'all' : false,
    extra: {
      max: settings.poolSize ?? 10,
      // Fail fast rather than queue forever when the database is unreachable.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  };
}
