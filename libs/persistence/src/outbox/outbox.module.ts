import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';

/** Makes DomainEvents available to every module (each publishes its own events). */
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class OutboxModule {}
