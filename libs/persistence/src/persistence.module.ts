import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './outbox/domain-events';
import { PreparedQueries } from './sql/prepared-queries';

/** The persistence services every module may inject: the outbox writer and prepared statements. */
@Global()
@Module({ providers: [DomainEvents, PreparedQueries], exports: [DomainEvents, PreparedQueries] })
export class PersistenceModule {}
