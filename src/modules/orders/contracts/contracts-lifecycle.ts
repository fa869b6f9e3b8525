import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { RequestContextStore } from '@libs/core';
import { Jobs } from '@libs/persistence';
import { addDays } from '../calendar';
import { ContractsRepository } from './contracts.repository';
import { ContractsService } from './contracts.service';

export const CONTRACTS_LIFECYCLE_JOB = 'contracts.lifecycle';

/** Every hour (SPEC §11.8): each company's local date turns over at a different hour. */
const HOURLY = '0 * * * *';

/**
 * The `contracts.lifecycle` job (SPEC §7): activates pending contracts whose start date arrived and
 * expires active ones whose end date passed, each company on its own local date. Idempotent: a run
 * that finds nothing due changes nothing, so repeated or overlapping runs are harmless.
 */
@Injectable()
export class ContractsLifecycle implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('ContractsLifecycle');

  constructor(
    @Inject(Jobs) private readonly jobs: Jobs,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
    private readonly contracts: ContractsRepository,
    private readonly service: ContractsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(CONTRACTS_LIFECYCLE_JOB, async () => {
      await this.run();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(CONTRACTS_LIFECYCLE_JOB, HOURLY);
  }

  /**
   * One run at `now` (a parameter so tests can move the clock). Returns how many contracts changed.
   * Runs in the job's context (the system as actor); each company is worked in its own transaction
   * with that company as the context's tenant.
   */
  async run(now: Date = new Date()): Promise<number> {
    // No time zone is ahead of UTC by more than 14 hours: nothing can be due later than this.
    const latest = addDays(now.toISOString().slice(0, 10), 1);
    let changed = 0;
    for (const companyId of await this.contracts.companiesWithDueContracts(latest)) {
      changed += await this.cls.run({ ifNested: 'inherit' }, async () => {
        this.cls.set('companyId', companyId);
        return this.service.advance(await this.service.today(now));
      });
    }
    if (changed) this.logger.log({ changed }, 'Contracts activated or expired');
    return changed;
  }
}
