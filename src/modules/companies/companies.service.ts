import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, businessIds, type Principal, toE164 } from '@libs/core';
import { AccessService } from '../access';
import { invalidField, notFound, referenceNotFound, slugTaken } from './companies.errors';
import { CompaniesRepository } from './companies.repository';
import type { PutBillingDetailsDto } from './dto/billing-details.dto';
import {
  type CreateCompanyDto,
  CompanyResponseDto,
  type MyCompanyResponseDto,
  type UpdateCompanyDto,
} from './dto/company.dto';
import type { Company } from './entities/company.entity';
import type { CompanyBillingDetails } from './entities/company-billing-details.entity';
import { MembershipsRepository } from './memberships.repository';

/** Slug from a name: ascii, lowercase, dashes; padded to 3 and cut to 50. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 44)
    .replace(/-+$/g, '');
  return base.length >= 3 ? base : `${base || 'company'}-co`.replace(/^-/, '').padEnd(3, '0');
}

export function isIanaTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz) || tz === 'UTC';
  } catch {
    return false;
  }
}

@Injectable()
export class CompaniesService {
  constructor(
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** The company, its system roles, the caller's owner membership and empty billing details: one transaction. */
  @Transactional()
  async create(principal: Principal, dto: CreateCompanyDto): Promise<CompanyResponseDto> {
    const userId = principal.userId;
    if (!userId) throw invalidField('principal', 'only a signed-in user can create a company');
    await this.assertReferences(dto);
    let slug = dto.slug;
    if (slug) {
      if (await this.companies.slugExists(slug)) throw slugTaken();
    } else {
      slug = await this.freeSlug(slugify(dto.name));
    }
    const company = await this.companies.insert({
      name: dto.name,
      slug,
      countryCode: dto.countryCode,
      defaultCurrency: dto.defaultCurrency,
      timezone: dto.timezone,
      locale: dto.locale ?? 'en',
    });
    await this.companies.insertEmptyBillingDetails(company.id);
    const { ownerRoleId } = await this.access.provisionSystemRoles(company.id);
    const first = !(await this.memberships.hasAny(userId));
    await this.memberships.insert({
      companyId: company.id,
      userId,
      roleId: ownerRoleId,
      status: 'active',
      isDefault: first,
      joinedVia: 'created',
      invitedBy: null,
    });
    return CompanyResponseDto.from(company);
  }

  async mine(userId: string): Promise<MyCompanyResponseDto[]> {
    const memberships = await this.memberships.listOfUser(userId);
    return Promise.all(
      memberships.map(async (m) => {
        const [company, role] = await Promise.all([
          this.companies.findById(m.companyId),
          this.access.findRole(m.companyId, m.roleId),
        ]);
        return {
          company: { id: m.companyId, name: company?.name ?? '', slug: company?.slug ?? '' },
          role: role ? { id: role.id, key: role.key, name: role.name } : null,
          status: m.status,
          isDefault: m.isDefault,
          joinedAt: m.joinedAt.toISOString(),
        };
      }),
    );
  }

  async current(): Promise<Company> {
    const company = await this.companies.findCurrent();
    if (!company) throw notFound('Company');
    return company;
  }

  @Transactional()
  async updateCurrent(dto: UpdateCompanyDto, ifMatch: string | undefined): Promise<Company> {
    const company = await this.current();
    assertIfMatch(ifMatch, company.version);
    await this.assertReferences(dto);
    if (dto.slug && dto.slug !== company.slug && (await this.companies.slugExists(dto.slug)))
      throw slugTaken();
    Object.assign(company, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return this.companies.saveCurrent(company);
  }

  async billingDetails(): Promise<CompanyBillingDetails> {
    const details = await this.companies.findCurrentBillingDetails();
    if (!details) throw notFound('Billing details');
    return details;
  }

  @Transactional()
  async putBillingDetails(
    dto: PutBillingDetailsDto,
    ifMatch: string | undefined,
  ): Promise<CompanyBillingDetails> {
    const company = await this.current();
    const details = await this.billingDetails();
    assertIfMatch(ifMatch, details.version);
    if (dto.countryCode && !(await this.companies.countryExists(dto.countryCode))) {
      throw referenceNotFound('countryCode', 'The country');
    }
    let phone: string | null = null;
    if (dto.phone) {
      phone = toE164(dto.phone, company.countryCode);
      if (!phone) throw invalidField('phone', 'must be a valid phone number (E.164, e.g. +61291234567)');
    }
    let taxId: string | null = null;
    if (dto.taxId) {
      const kind = dto.taxIdKind ?? 'other';
      const check = businessIds.check(dto.countryCode ?? company.countryCode, kind, dto.taxId);
      if (!check.valid) throw invalidField('taxId', check.reason);
      taxId = check.normalized;
    }
    Object.assign(details, {
      legalName: dto.legalName ?? null,
      tradingName: dto.tradingName ?? null,
      taxId,
      taxIdKind: dto.taxId ? (dto.taxIdKind ?? 'other') : (dto.taxIdKind ?? null),
      taxRegistered: dto.taxRegistered ?? false,
      line1: dto.line1 ?? null,
      line2: dto.line2 ?? null,
      city: dto.city ?? null,
      region: dto.region ?? null,
      postalCode: dto.postalCode ?? null,
      countryCode: dto.countryCode ?? null,
      billingEmail: dto.billingEmail ?? null,
      phone,
    });
    return this.companies.saveCurrentBillingDetails(details);
  }

  private async assertReferences(dto: Partial<CreateCompanyDto>): Promise<void> {
    if (dto.countryCode && !(await this.companies.countryExists(dto.countryCode))) {
      throw referenceNotFound('countryCode', 'The country');
    }
    if (dto.defaultCurrency && !(await this.companies.currencyExists(dto.defaultCurrency))) {
      throw referenceNotFound('defaultCurrency', 'The currency');
    }
    if (dto.timezone !== undefined && !isIanaTimezone(dto.timezone)) {
      throw referenceNotFound('timezone', 'The time zone');
    }
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(await this.companies.slugsLike(base));
    if (!taken.has(base)) return base;
    for (let n = 2; n < 10_000; n++) {
      const candidate = `${base}-${n}`;
      if (!taken.has(candidate)) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  }
}
