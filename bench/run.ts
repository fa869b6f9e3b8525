import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort, startEmbeddedPostgres } from '@libs/persistence';
import { type LoadResult, measure, medianOf } from './lib/load';
import { startServer, stopServer } from './lib/processes';
import { printTable, type ScenarioResult, writeResults } from './lib/report';
import type { Scenario } from './lib/scenario';
import { authScenarios } from './scenarios/auth.scenarios';
import { type CustomersBenchData, customersScenarios } from './scenarios/customers.scenarios';
import { pricingScenarios } from './scenarios/pricing.scenarios';
import { referenceScenarios } from './scenarios/reference.scenarios';
import { seedPricedProduct } from './seed/catalog';
import { cursorAtDepth, customerIdOf, seedCustomers } from './seed/customers';
import { seedUser, type SeededUser } from './seed/users';

const CUSTOMERS = { main: 200_000, other: 20_000, deepCursorAt: 150_000 };

interface BenchData {
  user: SeededUser;
  customers: CustomersBenchData;
  pricing: { productId: string; durationId: string };
}

/** Every measured request, in order; later modules append their scenarios here. */
const scenarios = (data: BenchData): Scenario[] => {
  const accessTokens = data.user.sessions.map((s) => s.accessToken);
  return [
    ...referenceScenarios,
    ...authScenarios(data.user),
    ...customersScenarios(data.customers),
    ...pricingScenarios({ accessTokens, ...data.pricing }),
  ];
};

/**
 * The data the scenarios read: a user with sessions in its company, 200,000 customers there and
 * 20,000 in a second company (so every query has another tenant's rows to skip), a cursor deep in
 * the list, and a priced product.
 */
async function seedBenchData(baseUrl: string, databaseUrl: string, sessions: number): Promise<BenchData> {
  process.stdout.write('seeding a user and its sessions ...\n');
  const user = await seedUser(baseUrl, databaseUrl, { sessions });
  const other = await seedUser(baseUrl, databaseUrl, { sessions: 1 });
  process.stdout.write(`seeding ${CUSTOMERS.main} + ${CUSTOMERS.other} customers ...\n`);
  await seedCustomers(databaseUrl, user.companyId, CUSTOMERS.main);
  await seedCustomers(databaseUrl, other.companyId, CUSTOMERS.other);
  const token = user.sessions[0].accessToken;
  process.stdout.write(`walking the customer list to row ${CUSTOMERS.deepCursorAt} ...\n`);
  const deepCursor = await cursorAtDepth(baseUrl, token, CUSTOMERS.deepCursorAt);
  return {
    user,
    customers: {
      companyId: user.companyId,
      accessTokens: user.sessions.map((s) => s.accessToken),
      deepCursor,
      customerId: await customerIdOf(databaseUrl, user.companyId),
      searchFragment: 'kowalski 1999',
    },
    pricing: await seedPricedProduct(baseUrl, token),
  };
}

const LOAD = { connections: 50, durationSeconds: Number(process.env.BENCH_SECONDS ?? 10) };
const WARM_UP = { connections: 10, durationSeconds: 3 };
/**
 * Each scenario is measured this many times, the app and the floor alternating, and the median is
 * reported: on a shared 2-core VM single runs of the same server vary by a factor of several.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RESULTS_FILE = join(__dirname, 'results', 'latest.json');
/** `BENCH_ONLY=customers` measures only the scenarios whose name contains it. */
const ONLY = process.env.BENCH_ONLY;

/** The floor must answer exactly what the app answers, or the comparison means nothing. */
async function assertSameAnswer(appUrl: string, floorUrl: string, scenario: Scenario): Promise<void> {
  const { path, headers } = scenario.request;
  const init = { headers: typeof headers === 'function' ? headers() : headers };
  const [app, floor] = await Promise.all([
    fetch(`${appUrl}${path}`, init),
    fetch(`${floorUrl}${path}`, init),
  ]);
  const [appBody, floorBody] = [await app.text(), await floor.text()];
  if (app.status !== 200 || appBody !== floorBody) {
    throw new Error(
      `${scenario.name}: the floor's answer differs from the app's\napp   ${app.status} ${appBody.slice(0, 300)}\nfloor ${floor.status} ${floorBody.slice(0, 300)}`,
    );
  }
}

/**
 * `npm run bench`: the built app (`dist/`) and the floor server, side by side on one fresh embedded
 * PostgreSQL, measured with autocannon over loopback. Prints req/s, p50, p99 and the share of the
 * floor's throughput per scenario (medians of BENCH_RUNS runs), and writes them to
 * bench/results/latest.json.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cornerstone-bench-'));
  await chmod(dataDir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: join(dataDir, 'cluster'), ephemeral: true });
  const admin = new Client({ connectionString: database.urlFor('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const databaseUrl = database.urlFor('bench');

  const [appPort, floorPort] = [await findFreePort(), await findFreePort()];
  const servers = [];
  try {
    const app = await startServer(
      'app',
      ['dist/src/main.js'],
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PORT: String(appPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
        JWT_SECRET: randomBytes(48).toString('base64url'),
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        DATA_DIR: dataDir,
      },
      `http://127.0.0.1:${appPort}/health/ready`,
    );
    servers.push(app);
    const floor = await startServer(
      'floor',
      ['-r', '@swc-node/register', 'bench/floor/server.ts'],
      { DATABASE_URL: databaseUrl, PORT: String(floorPort) },
      `http://127.0.0.1:${floorPort}/health`,
    );
    servers.push(floor);

    // One session per connection of the warm-up and of the run (a refresh in flight when a run stops
    // leaves its session's token unknown).
    const data = await seedBenchData(
      `http://127.0.0.1:${appPort}`,
      databaseUrl,
      (WARM_UP.connections + LOAD.connections) * RUNS,
    );

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(data).filter((s) => !ONLY || s.name.includes(ONLY))) {
      process.stdout.write(`${scenario.name} ...\n`);
      if (scenario.floor) {
        await assertSameAnswer(`http://127.0.0.1:${appPort}`, `http://127.0.0.1:${floorPort}`, scenario);
      }
      const appRuns: LoadResult[] = [];
      const floorRuns: LoadResult[] = [];
      for (let run = 0; run < RUNS; run++) {
        await measure(`http://127.0.0.1:${appPort}`, scenario.request, WARM_UP);
        appRuns.push(await measure(`http://127.0.0.1:${appPort}`, scenario.request, LOAD));
        if (scenario.floor) {
          await measure(`http://127.0.0.1:${floorPort}`, scenario.request, WARM_UP);
          floorRuns.push(await measure(`http://127.0.0.1:${floorPort}`, scenario.request, LOAD));
        }
      }
      const appResult = medianOf(appRuns);
      const floorResult = floorRuns.length ? medianOf(floorRuns) : undefined;
      results.push({
        scenario: scenario.name,
        app: appResult,
        floor: floorResult,
        ratio: floorResult ? appResult.requestsPerSecond / floorResult.requestsPerSecond : undefined,
      });
    }
    printTable(results);
    writeResults(
      RESULTS_FILE,
      { date: new Date().toISOString(), node: process.version, cpus: cpus().length, load: LOAD, runs: RUNS },
      results,
    );
    process.stdout.write(`Results written to ${RESULTS_FILE}\n`);
  } finally {
    await Promise.all(servers.map(stopServer));
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
