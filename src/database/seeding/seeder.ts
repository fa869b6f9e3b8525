import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * Reference data a module needs in every database (permissions, currencies, …), written by
 * `npm run db:seed`. A seeder must be idempotent: it inserts what is missing and leaves existing rows
 * alone (`INSERT … ON CONFLICT DO NOTHING`, or check then insert), so running it twice changes nothing.
 */
export interface Seeder {
  /** Shown in the output, e.g. "identity: permissions". */
  readonly name: string;
  /** Runs inside its own transaction: a failure leaves none of its rows behind. */
  run(manager: EntityManager): Promise<void>;
}

export interface SeederRegistration {
  /**
   * Seeders run in ascending order (then by name), so one may rely on rows of a lower order: give
   * upstream modules lower numbers (identity 100, companies 200, …).
   */
  order: number;
}

/**
 * Registers a provider as a seeder. Any module seen by the CLI can contribute one:
 *
 *   @Injectable()
 *   @RegisterSeeder({ order: 100 })
 *   export class PermissionsSeeder implements Seeder { … }
 *
 * Name constructor dependencies with @Inject(Token), as the CLI's own providers do.
 */
export const RegisterSeeder = DiscoveryService.createDecorator<SeederRegistration>();
