import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Principal } from '@libs/core';
import { addressColumnsOf, newAddressColumns } from './address-columns';
import { AddressesRepository } from './addresses.repository';
import { type ChildChange, CustomerChanges } from './customer-changes';
import { CustomerReferences } from './customer-references';
import { addressFrom } from './customer-rows';
import { ownerScopeOf } from './customer-scope';
import { notFound, rejectNulls } from './customers.errors';
import { CustomersPermission } from './customers.permissions';
import { CustomersRepository } from './customers.repository';
import type { AddressResponseDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto';

/** A customer's postal addresses: at most one default per type; every change bumps the customer. */
@Injectable()
export class AddressesService {
  constructor(
    @Inject(AddressesRepository) private readonly addresses: AddressesRepository,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CustomerChanges) private readonly changes: CustomerChanges,
    @Inject(CustomerReferences) private readonly references: CustomerReferences,
  ) {}

  async list(principal: Principal, customerId: string): Promise<ChildChange<AddressResponseDto[]>> {
    const scope = ownerScopeOf(principal, CustomersPermission.CustomerRead);
    const found = await this.customers.findChildren(customerId, scope, 'addresses');
    if (!found) throw notFound('Customer');
    return { data: found.rows.map(addressFrom), version: found.version };
  }

  @Transactional()
  async add(
    principal: Principal,
    customerId: string,
    dto: CreateAddressDto,
    ifMatch: string | undefined,
  ): Promise<ChildChange<AddressResponseDto>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    if (dto.countryCode) await this.references.assertCountries([['countryCode', dto.countryCode]]);
    if (dto.isDefault) await this.addresses.unsetDefault(customer.id, dto.type);
    const [address] = await this.addresses.insert(customer.id, [newAddressColumns(dto)]);
    const detail = await this.changes.commit(customer);
    return { data: address, version: detail.version };
  }

  @Transactional()
  async update(
    principal: Principal,
    customerId: string,
    addressId: string,
    dto: UpdateAddressDto,
    ifMatch: string | undefined,
  ): Promise<ChildChange<AddressResponseDto>> {
    rejectNulls(dto, ['type', 'line1', 'isDefault']);
    const customer = await this.changes.open(principal, customerId, ifMatch);
    const address = await this.addresses.find(customer.id, addressId);
    if (!address) throw notFound('Address');
    if (dto.countryCode) await this.references.assertCountries([['countryCode', dto.countryCode]]);
    const columns = addressColumnsOf(dto);
    const type = dto.type ?? address.type;
    if (dto.isDefault ?? address.isDefault) await this.addresses.unsetDefault(customer.id, type, address.id);
    const updated = Object.keys(columns).length
      ? await this.addresses.update(customer.id, address.id, columns)
      : address;
    const detail = await this.changes.commit(customer);
    return { data: updated ?? address, version: detail.version };
  }

  @Transactional()
  async remove(
    principal: Principal,
    customerId: string,
    addressId: string,
    ifMatch: string | undefined,
  ): Promise<ChildChange<null>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    if (!(await this.addresses.delete(customer.id, addressId))) throw notFound('Address');
    const detail = await this.changes.commit(customer);
    return { data: null, version: detail.version };
  }
}
