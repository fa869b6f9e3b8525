import { Inject, Injectable } from '@nestjs/common';
import { assertIfMatch, type Principal } from '@libs/core';
import { DomainEvents } from '@libs/persistence';
import { ownerScopeOf } from './customer-scope';
import { type CustomerColumns, type CustomerState, CustomersRepository } from './customers.repository';
import { concurrentChange, notFound } from './customers.errors';
import { CustomerEvent } from './customers.events';
import { CustomersPermission } from './customers.permissions';
import type { CustomerDetailResponseDto } from './dto/customer.response.dto';

/** What a change of a customer's child rows answers: the child, and the customer's new version (ETag). */
export interface ChildChange<T> {
  data: T;
  version: number;
}

/**
 * The frame of every change to a customer aggregate, inside the caller's transaction: `open` locks a
 * customer the principal may write (404 otherwise, including out of an `own` scope) and checks
 * If-Match (412); `commit` writes the customer's columns, re-mirrors email/phone from the primary
 * contact points, bumps the version (child changes too, SPEC §1) and publishes the event.
 */
@Injectable()
export class CustomerChanges {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async open(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    options: { deleted?: boolean } = {},
  ): Promise<CustomerState> {
    const scope = ownerScopeOf(principal, CustomersPermission.CustomerWrite);
    const customer = await this.customers.lockForChange(id, scope, options.deleted);
    if (!customer) throw notFound('Customer');
    assertIfMatch(ifMatch, customer.version);
    return customer;
  }

  async commit(
    customer: CustomerState,
    changes: Partial<CustomerColumns> = {},
  ): Promise<CustomerDetailResponseDto> {
    const detail = await this.customers.update(customer.id, customer.version, changes);
    if (!detail) throw concurrentChange();
    await this.publish(CustomerEvent.Updated, detail);
    return detail;
  }

  async publish(type: string, detail: CustomerDetailResponseDto): Promise<void> {
    await this.events.publish({ type, aggregateType: 'customer', aggregateId: detail.id, data: detail });
  }
}
