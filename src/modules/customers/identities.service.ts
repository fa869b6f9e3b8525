import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Principal } from '@libs/core';
import { type ChildChange, CustomerChanges } from './customer-changes';
import { CustomerReferences } from './customer-references';
import { identityFrom } from './customer-rows';
import { ownerScopeOf } from './customer-scope';
import { identityTaken, invalidField, notFound } from './customers.errors';
import { CustomersPermission } from './customers.permissions';
import { CustomersRepository } from './customers.repository';
import { needsCountry, normalizedExternalId } from './contact-values';
import type { CreateIdentityDto, IdentityResponseDto } from './dto/identity.dto';
import { IdentitiesRepository } from './identities.repository';

/**
 * How customers are recognised on inbound channels. An identity belongs to one customer of the
 * company (deleted customers keep theirs): attaching a taken one is 409 `identity_taken` naming the
 * holder, so a client can merge or link instead.
 */
@Injectable()
export class IdentitiesService {
  constructor(
    @Inject(IdentitiesRepository) private readonly identities: IdentitiesRepository,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CustomerChanges) private readonly changes: CustomerChanges,
    @Inject(CustomerReferences) private readonly references: CustomerReferences,
  ) {}

  async list(principal: Principal, customerId: string): Promise<ChildChange<IdentityResponseDto[]>> {
    const scope = ownerScopeOf(principal, CustomersPermission.CustomerRead);
    const found = await this.customers.findChildren(customerId, scope, 'identities');
    if (!found) throw notFound('Customer');
    return { data: found.rows.map(identityFrom), version: found.version };
  }

  @Transactional()
  async add(
    principal: Principal,
    customerId: string,
    dto: CreateIdentityDto,
    ifMatch: string | undefined,
  ): Promise<ChildChange<IdentityResponseDto>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    const country = needsCountry(dto.channel) ? await this.references.companyCountry() : null;
    const externalId = normalizedExternalId(dto.channel, dto.externalId, country);
    if (!externalId.ok) throw invalidField('externalId', externalId.message, externalId.code);
    const identity = await this.identities.insert(customer.id, {
      channel: dto.channel,
      externalId: externalId.value,
      displayName: dto.displayName ?? null,
      metadata: dto.metadata ?? {},
    });
    if (!identity) throw identityTaken(await this.identities.holderOf(dto.channel, externalId.value));
    const detail = await this.changes.commit(customer);
    return { data: identity, version: detail.version };
  }

  @Transactional()
  async remove(
    principal: Principal,
    customerId: string,
    identityId: string,
    ifMatch: string | undefined,
  ): Promise<ChildChange<null>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    if (!(await this.identities.delete(customer.id, identityId))) throw notFound('Identity');
    const detail = await this.changes.commit(customer);
    return { data: null, version: detail.version };
  }
}
