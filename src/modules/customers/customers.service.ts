import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { v7 as uuidv7 } from 'uuid';
import type { FieldError, Page, Principal } from '@libs/core';
import { AddressesRepository } from './addresses.repository';
import { newAddressColumns } from './address-columns';
import { ContactPointsRepository, type NewContactPoint } from './contact-points.repository';
import { ContactPointsService } from './contact-points.service';
import {
  MIRRORED_TYPES,
  type MirroredType,
  mirroredValues,
  planNewContactPoints,
} from './contact-point-plan';
import { needsCountry, normalizedContactValue, normalizedEmail, normalizedPhone } from './contact-values';
import { type ChildChange, CustomerChanges } from './customer-changes';
import type { OwnerScope } from './customer-list-sql';
import { CustomerReferences } from './customer-references';
import { ownerScopeOf } from './customer-scope';
import {
  invalidField,
  invalidFields,
  invalidTransition,
  notFound,
  referenceNotFound,
  rejectNulls,
  scopeExceeded,
} from './customers.errors';
import { CustomerEvent } from './customers.events';
import { CustomersPermission } from './customers.permissions';
import { type CustomerColumns, CustomersRepository } from './customers.repository';
import type { CreateCustomerDto, CustomerFieldsDto } from './dto/create-customer.dto';
import type { CustomerDetailResponseDto, CustomerResponseDto } from './dto/customer.response.dto';
import type { ListCustomersQueryDto } from './dto/list-customers.query.dto';
import type { UpdateCustomerDto } from './dto/update-customer.dto';
import type { CustomerKind } from './entities/customer.entity';
import { TagsRepository } from './tags.repository';

/** Fields only one kind of customer has: given to the other kind -> 400 naming the field. */
const PERSON_ONLY = ['givenName', 'familyName', 'organizationId'] as const;
const BUSINESS_ONLY = ['legalName', 'taxId', 'website'] as const;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Customers (SPEC §5): lists, the aggregate, creation with nested contact points, addresses and tags
 * (one transaction, INSERT … RETURNING, no re-read), changes under If-Match, block/unblock, soft
 * delete/restore, tag links. Scope `own` of customers.customer.read/write limits every read and change
 * to the customers the caller owns (others are 404) and keeps new customers with their creator.
 */
@Injectable()
export class CustomersService {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(ContactPointsRepository) private readonly contactPoints: ContactPointsRepository,
    @Inject(ContactPointsService) private readonly contactPointRules: ContactPointsService,
    @Inject(AddressesRepository) private readonly addresses: AddressesRepository,
    @Inject(TagsRepository) private readonly tags: TagsRepository,
    @Inject(CustomerReferences) private readonly references: CustomerReferences,
    @Inject(CustomerChanges) private readonly changes: CustomerChanges,
  ) {}

  /** `?deleted=only` lists the deleted customers, which needs the write key (restore is a write). */
  list(principal: Principal, query: ListCustomersQueryDto): Promise<Page<CustomerResponseDto>> {
    const { deleted, ...filters } = query;
    const key = deleted === 'only' ? CustomersPermission.CustomerWrite : CustomersPermission.CustomerRead;
    return this.customers.listPage({
      ...filters,
      deleted: deleted === 'only',
      scope: ownerScopeOf(principal, key),
    });
  }

  async get(principal: Principal, id: string): Promise<CustomerDetailResponseDto> {
    const detail = await this.customers.findDetail(
      id,
      ownerScopeOf(principal, CustomersPermission.CustomerRead),
    );
    if (!detail) throw notFound('Customer');
    return detail;
  }

  @Transactional()
  async create(principal: Principal, dto: CreateCustomerDto): Promise<CustomerDetailResponseDto> {
    const scope = ownerScopeOf(principal, CustomersPermission.CustomerWrite);
    this.assertKindFields(dto.kind, dto);
    const displayName = dto.displayName ?? defaultDisplayName(dto);
    const ownerId = this.ownerOf(scope, dto.ownerId);
    if (ownerId && ownerId !== principal.userId) await this.references.assertOwner(ownerId);
    if (dto.organizationId) await this.references.assertOrganization(dto.organizationId, null);
    const tags = await this.references.tagsOf(dto.tagIds ?? []);
    const addresses = (dto.addresses ?? []).map(newAddressColumns);
    this.assertOneDefaultPerType(addresses);
    await this.references.assertCountries(
      addresses.flatMap((a, i) =>
        a.country_code ? [[`addresses[${i}].countryCode`, a.country_code] as [string, string]] : [],
      ),
    );
    const points = await this.plannedContactPoints(dto);

    const id = uuidv7();
    const customer = await this.customers.insert({
      id,
      kind: dto.kind,
      display_name: displayName,
      given_name: dto.givenName ?? null,
      family_name: dto.familyName ?? null,
      legal_name: dto.legalName ?? null,
      tax_id: dto.taxId ?? null,
      website: dto.website ?? null,
      organization_id: dto.organizationId ?? null,
      ...mirroredValues(points),
      tier: dto.tier ?? 'standard',
      status: dto.status ?? 'active',
      owner_id: ownerId,
      attributes: JSON.stringify(dto.attributes ?? {}),
    });
    const detail: CustomerDetailResponseDto = {
      ...customer,
      tagIds: tags.map((t) => t.id).sort(),
      contactPoints: (await this.contactPoints.insert(id, points)).sort(byId),
      addresses: (await this.addresses.insert(id, addresses)).sort(byId),
      identities: [],
      tags: [...tags].sort(byId),
    };
    await this.tags.attach(id, detail.tagIds);
    await this.changes.publish(CustomerEvent.Created, detail);
    return detail;
  }

  @Transactional()
  async update(
    principal: Principal,
    id: string,
    dto: UpdateCustomerDto,
    ifMatch: string | undefined,
  ): Promise<CustomerDetailResponseDto> {
    rejectNulls(dto, ['displayName', 'tier', 'status', 'attributes']);
    const customer = await this.changes.open(principal, id, ifMatch);
    this.assertKindFields(customer.kind, dto);
    if (dto.ownerId !== undefined) {
      const scope = ownerScopeOf(principal, CustomersPermission.CustomerWrite);
      if (!scope.all && dto.ownerId !== principal.userId) throw scopeExceeded();
      if (dto.ownerId && dto.ownerId !== customer.ownerId) await this.references.assertOwner(dto.ownerId);
    }
    if (dto.organizationId) await this.references.assertOrganization(dto.organizationId, customer.id);
    for (const type of MIRRORED_TYPES) {
      const value = dto[type];
      if (value !== undefined) {
        await this.contactPointRules.setPrimaryValue(
          customer.id,
          type,
          await this.mirroredValue(type, value),
        );
      }
    }
    return this.changes.commit(customer, columnsOf(dto));
  }

  @Transactional()
  async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
    const customer = await this.changes.open(principal, id, ifMatch);
    const detail = await this.customers.softDelete(customer.id, customer.version);
    if (!detail) throw notFound('Customer');
    await this.changes.publish(CustomerEvent.Deleted, detail);
  }

  /** Customers have no partial unique (identities are kept while deleted), so a restore cannot clash. */
  @Transactional()
  async restore(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
  ): Promise<CustomerDetailResponseDto> {
    const customer = await this.changes.open(principal, id, ifMatch, { deleted: true });
    const detail = await this.customers.restore(customer.id, customer.version);
    if (!detail) throw notFound('Customer');
    await this.changes.publish(CustomerEvent.Restored, detail);
    return detail;
  }

  @Transactional()
  async block(principal: Principal, id: string, reason: string, ifMatch: string | undefined) {
    const customer = await this.changes.open(principal, id, ifMatch);
    if (customer.blocked) throw invalidTransition('blocked', ['unblock']);
    return this.changes.commit(customer, { blocked: true, blocked_at: new Date(), blocked_reason: reason });
  }

  @Transactional()
  async unblock(principal: Principal, id: string, ifMatch: string | undefined) {
    const customer = await this.changes.open(principal, id, ifMatch);
    if (!customer.blocked) throw invalidTransition('unblocked', ['block']);
    return this.changes.commit(customer, { blocked: false, blocked_at: null, blocked_reason: null });
  }

  /** Links a tag of the catalogue; linking it again changes nothing (same version, no event). */
  @Transactional()
  async attachTag(
    principal: Principal,
    id: string,
    tagId: string,
    ifMatch: string | undefined,
  ): Promise<CustomerDetailResponseDto> {
    const customer = await this.changes.open(principal, id, ifMatch);
    const [tag] = await this.tags.summariesOf([tagId]);
    if (!tag) throw referenceNotFound('tagId', 'The tag');
    if ((await this.tags.attach(customer.id, [tagId])).length === 0) {
      return (await this.customers.findDetail(customer.id, { all: true })) as CustomerDetailResponseDto;
    }
    return this.changes.commit(customer);
  }

  @Transactional()
  async detachTag(
    principal: Principal,
    id: string,
    tagId: string,
    ifMatch: string | undefined,
  ): Promise<ChildChange<null>> {
    const customer = await this.changes.open(principal, id, ifMatch);
    if (!(await this.tags.detach(customer.id, tagId))) throw notFound('Tag of the customer');
    const detail = await this.changes.commit(customer);
    return { data: null, version: detail.version };
  }

  /** The owner of a new customer: with scope `own` the caller (and only the caller), else as given. */
  private ownerOf(scope: OwnerScope, requested: string | null | undefined): string | null {
    if (scope.all) return requested ?? null;
    if (requested !== undefined && requested !== scope.userId) throw scopeExceeded();
    return scope.userId;
  }

  private assertKindFields(kind: CustomerKind, dto: CustomerFieldsDto): void {
    const foreign = kind === 'person' ? BUSINESS_ONLY : PERSON_ONLY;
    const other = kind === 'person' ? 'businesses' : 'persons';
    const errors: FieldError[] = foreign
      .filter((field) => dto[field] !== undefined && dto[field] !== null)
      .map((path) => ({ path, code: 'not_applicable', message: `applies to ${other} only` }));
    if (errors.length) throw invalidFields(errors);
  }

  private assertOneDefaultPerType(addresses: ReadonlyArray<{ type: string; is_default: boolean }>): void {
    const errors: FieldError[] = addresses.flatMap((a, i) =>
      a.is_default && addresses.slice(0, i).some((b) => b.is_default && b.type === a.type)
        ? [
            {
              path: `addresses[${i}].isDefault`,
              code: 'duplicate',
              message: `another ${a.type} address is already the default`,
            },
          ]
        : [],
    );
    if (errors.length) throw invalidFields(errors);
  }

  /** The nested contact points normalised (each fault named `contactPoints[i].value`), then planned. */
  private async plannedContactPoints(dto: CreateCustomerDto): Promise<NewContactPoint[]> {
    const requested = dto.contactPoints ?? [];
    const country =
      dto.phone || requested.some((p) => needsCountry(p.type))
        ? await this.references.companyCountry()
        : null;
    const errors: FieldError[] = [];
    const points = requested.map((p, i) => {
      const value = normalizedContactValue(p.type, p.value, country);
      if (!value.ok)
        errors.push({ path: `contactPoints[${i}].value`, code: value.code, message: value.message });
      return {
        type: p.type,
        label: p.label ?? null,
        value: value.ok ? value.value : p.value,
        isPrimary: p.isPrimary ?? false,
      };
    });
    const mirrored: Partial<Record<MirroredType, string | null>> = {};
    for (const type of MIRRORED_TYPES) {
      const raw = dto[type];
      if (!raw) continue;
      const value = type === 'email' ? normalizedEmail(raw) : normalizedPhone(raw, country);
      if (value.ok) mirrored[type] = value.value;
      else errors.push({ path: type, code: value.code, message: value.message });
    }
    if (errors.length) throw invalidFields(errors);
    const plan = planNewContactPoints(points, mirrored);
    if (plan.errors.length) throw invalidFields(plan.errors);
    return plan.points;
  }

  /** `email`/`phone` of a PATCH, normalised (null stays null: it removes the primary). */
  private async mirroredValue(type: MirroredType, raw: string | null): Promise<string | null> {
    if (raw === null) return null;
    const value =
      type === 'email' ? normalizedEmail(raw) : normalizedPhone(raw, await this.references.companyCountry());
    if (!value.ok) throw invalidField(type, value.message, value.code);
    return value.value;
  }
}

/** A person's display name defaults to "givenName familyName"; a business must name itself. */
function defaultDisplayName(dto: CreateCustomerDto): string {
  const name = [dto.givenName, dto.familyName].filter(Boolean).join(' ').trim();
  if (!name)
    throw invalidField('displayName', 'is required (for a person: or givenName/familyName)', 'required');
  return name.slice(0, 200);
}

/** The columns a PATCH changes (email/phone go through the contact points). */
function columnsOf(dto: UpdateCustomerDto): Partial<CustomerColumns> {
  const columns: Partial<CustomerColumns> = {
    display_name: dto.displayName,
    given_name: dto.givenName,
    family_name: dto.familyName,
    legal_name: dto.legalName,
    tax_id: dto.taxId,
    website: dto.website,
    organization_id: dto.organizationId,
    tier: dto.tier,
    status: dto.status,
    owner_id: dto.ownerId,
    attributes: dto.attributes === undefined ? undefined : JSON.stringify(dto.attributes),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}
