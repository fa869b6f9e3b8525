import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Principal } from '@libs/core';
import { type ChildChange, CustomerChanges } from './customer-changes';
import { CustomerReferences } from './customer-references';
import { contactPointFrom } from './customer-rows';
import { ownerScopeOf } from './customer-scope';
import { contactPointTaken, invalidField, notFound, rejectNulls } from './customers.errors';
import { CustomersPermission } from './customers.permissions';
import { CustomersRepository } from './customers.repository';
import { ContactPointsRepository } from './contact-points.repository';
import { needsCountry, normalizedContactValue } from './contact-values';
import type { MirroredType } from './contact-point-plan';
import type {
  ContactPointResponseDto,
  CreateContactPointDto,
  UpdateContactPointDto,
} from './dto/contact-point.dto';
import type { ContactPointType } from './entities/customer-contact-point.entity';
import { isUniqueViolation } from '@libs/persistence';

const UQ_VALUE = 'uq_customer_contact_points_customer_id_type_value';

/**
 * A customer's contact points (SPEC §5). Each type keeps exactly one primary while it has points: the
 * first point of a type is primary, marking one primary unmarks the other, deleting the primary
 * promotes the oldest remaining. The customer's `email`/`phone` mirror the primaries (re-mirrored by
 * every CustomerChanges.commit), and every change bumps the customer's version under its If-Match.
 */
@Injectable()
export class ContactPointsService {
  constructor(
    @Inject(ContactPointsRepository) private readonly points: ContactPointsRepository,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CustomerChanges) private readonly changes: CustomerChanges,
    @Inject(CustomerReferences) private readonly references: CustomerReferences,
  ) {}

  async list(principal: Principal, customerId: string): Promise<ChildChange<ContactPointResponseDto[]>> {
    const scope = ownerScopeOf(principal, CustomersPermission.CustomerRead);
    const found = await this.customers.findChildren(customerId, scope, 'contactPoints');
    if (!found) throw notFound('Customer');
    return { data: found.rows.map(contactPointFrom), version: found.version };
  }

  @Transactional()
  async add(
    principal: Principal,
    customerId: string,
    dto: CreateContactPointDto,
    ifMatch: string | undefined,
  ): Promise<ChildChange<ContactPointResponseDto>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    const value = await this.normalized(dto.type, dto.value);
    const first = !(await this.points.hasType(customer.id, dto.type));
    const isPrimary = first || dto.isPrimary === true;
    if (isPrimary && !first) await this.points.unsetPrimary(customer.id, dto.type);
    const [point] = await this.points.insert(customer.id, [
      { type: dto.type, label: dto.label ?? null, value, isPrimary },
    ]);
    if (!point) throw contactPointTaken('value');
    const detail = await this.changes.commit(customer);
    return { data: point, version: detail.version };
  }

  @Transactional()
  async update(
    principal: Principal,
    customerId: string,
    pointId: string,
    dto: UpdateContactPointDto,
    ifMatch: string | undefined,
  ): Promise<ChildChange<ContactPointResponseDto>> {
    rejectNulls(dto, ['value', 'isPrimary']);
    const customer = await this.changes.open(principal, customerId, ifMatch);
    const point = await this.points.find(customer.id, pointId);
    if (!point) throw notFound('Contact point');
    if (dto.isPrimary === false && point.isPrimary) {
      throw invalidField(
        'isPrimary',
        'a primary point stays primary until another point of its type is marked primary',
      );
    }
    const changes: { label?: string | null; value?: string; is_primary?: boolean } = {};
    if (dto.value !== undefined) changes.value = await this.normalized(point.type, dto.value);
    if (dto.label !== undefined) changes.label = dto.label;
    if (dto.isPrimary && !point.isPrimary) {
      await this.points.unsetPrimary(customer.id, point.type);
      changes.is_primary = true;
    }
    let updated: ContactPointResponseDto | null = point;
    if (Object.keys(changes).length) {
      try {
        updated = await this.points.update(customer.id, point.id, changes);
      } catch (error) {
        throw isUniqueViolation(error, UQ_VALUE) ? contactPointTaken('value') : error;
      }
    }
    const detail = await this.changes.commit(customer);
    return { data: updated ?? point, version: detail.version };
  }

  @Transactional()
  async remove(
    principal: Principal,
    customerId: string,
    pointId: string,
    ifMatch: string | undefined,
  ): Promise<ChildChange<null>> {
    const customer = await this.changes.open(principal, customerId, ifMatch);
    const point = await this.points.delete(customer.id, pointId);
    if (!point) throw notFound('Contact point');
    if (point.isPrimary) await this.points.promoteOldest(customer.id, point.type);
    const detail = await this.changes.commit(customer);
    return { data: null, version: detail.version };
  }

  /**
   * `email`/`phone` set on the customer (already normalised): a point with that value becomes primary,
   * else the primary's value changes, else a primary point is added. `null` removes the primary and
   * promotes the oldest remaining point of the type. The caller commits the customer afterwards.
   */
  async setPrimaryValue(customerId: string, type: MirroredType, value: string | null): Promise<void> {
    const { sameValue, primary } = await this.points.findValueOrPrimary(customerId, type, value);
    if (value === null) {
      if (!primary) return;
      await this.points.delete(customerId, primary.id);
      await this.points.promoteOldest(customerId, type);
    } else if (sameValue) {
      if (sameValue.isPrimary) return;
      await this.points.unsetPrimary(customerId, type);
      await this.points.update(customerId, sameValue.id, { is_primary: true });
    } else if (primary) {
      await this.points.update(customerId, primary.id, { value });
    } else {
      await this.points.insert(customerId, [{ type, label: null, value, isPrimary: true }]);
    }
  }

  private async normalized(type: ContactPointType, raw: string): Promise<string> {
    const country = needsCountry(type) ? await this.references.companyCountry() : null;
    const result = normalizedContactValue(type, raw, country);
    if (!result.ok) throw invalidField('value', result.message, result.code);
    return result.value;
  }
}
