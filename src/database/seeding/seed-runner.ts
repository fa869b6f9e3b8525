import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { RegisterSeeder, type Seeder } from './seeder';

export interface SeederRun {
  name: string;
  milliseconds: number;
}

/** Finds every provider registered with @RegisterSeeder and runs them in their declared order. */
@Injectable()
export class SeedRunner {
  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  seeders(): Seeder[] {
    return this.discovery
      .getProviders({ metadataKey: RegisterSeeder.KEY })
      .map((wrapper) => {
        const seeder = wrapper.instance as Partial<Seeder> | undefined;
        if (typeof seeder?.run !== 'function' || typeof seeder.name !== 'string') {
          throw new Error(`${String(wrapper.name)} is registered as a seeder but does not implement Seeder`);
        }
        return {
          seeder: seeder as Seeder,
          order: this.discovery.getMetadataByDecorator(RegisterSeeder, wrapper)!.order,
        };
      })
      .sort((a, b) => a.order - b.order || a.seeder.name.localeCompare(b.seeder.name, 'en'))
      .map(({ seeder }) => seeder);
  }

  /**
   * One transaction per seeder, so a failing seeder leaves no half-written rows while the seeders
   * before it stay committed (a rerun, being idempotent, picks up where it stopped).
   */
  async run(
    dataSource: DataSource,
    onSeeded: (run: SeederRun) => void = () => undefined,
  ): Promise<SeederRun[]> {
    const runs: SeederRun[] = [];
    for (const seeder of this.seeders()) {
      const startedAt = performance.now();
      try {
        await dataSource.transaction((manager) => seeder.run(manager));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Seeder "${seeder.name}" failed: ${reason}`, { cause: error });
      }
      const run = { name: seeder.name, milliseconds: Math.round(performance.now() - startedAt) };
      runs.push(run);
      onSeeded(run);
    }
    return runs;
  }
}
