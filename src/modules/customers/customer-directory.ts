import { Inject, Injectable } from '@nestjs/common';
import { CustomersRepository } from './customers.repository';

/** A customer as another module's document sees it when it names one. */
export interface CustomerForReference {
  id: string;
  blocked: boolean;
  deletedAt: Date | null;
}

/**
 * The customers module's public read port for other modules (orders, crm, conversations): they check
 * a `customerId` of their bodies here, never by SQL on customers tables.
 */
@Injectable()
export class CustomerDirectory {
  constructor(@Inject(CustomersRepository) private readonly customers: CustomersRepository) {}

  /**
   * The customer of the context's company with this id, deleted or not (null: no such customer in
   * the company). Callers answer 400 `reference_not_found` for null or deleted (SPEC §5) and apply
   * their own rule for blocked customers (orders: 409 `customer_blocked` on submit).
   */
  async findActiveForReference(id: string): Promise<CustomerForReference | null> {
    const customer = await this.customers.findReference(id);
    return customer && { id: customer.id, blocked: customer.blocked, deletedAt: customer.deletedAt };
  }
}
