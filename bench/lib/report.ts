import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadResult } from './load';

export interface ScenarioResult {
  scenario: string;
  app: LoadResult;
  floor?: LoadResult;
  /** app req/s ÷ floor req/s. */
  ratio?: number;
}

export function printTable(results: ScenarioResult[]): void {
  const rows = results.map((r) => ({
    scenario: r.scenario,
    'req/s': r.app.requestsPerSecond,
    'p50 ms': r.app.p50Ms,
    'p99 ms': r.app.p99Ms,
    'floor req/s': r.floor?.requestsPerSecond ?? '',
    'vs floor': r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}%`,
    'non-2xx': r.app.non2xx + r.app.errors,
  }));
  console.table(rows);
}

export function writeResults(file: string, meta: Record<string, unknown>, results: ScenarioResult[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
}
