import {
  type DynamicModule,
  type FactoryProvider,
  Global,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { Jobs } from './jobs';
import { JOBS_OPTIONS, type JobsOptions } from './jobs.options';

export interface JobsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: FactoryProvider<JobsOptions | Promise<JobsOptions>>['useFactory'];
}

/** The job queue for the whole application: import once in the composition root, inject `Jobs` anywhere. */
@Global()
@Module({})
export class JobsModule {
  static forRootAsync(options: JobsModuleAsyncOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: options.imports ?? [],
      providers: [
        { provide: JOBS_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        Jobs,
      ],
      exports: [Jobs],
    };
  }
}
