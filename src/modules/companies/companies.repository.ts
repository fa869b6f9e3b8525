import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { currentActorId } from '@libs/core';
import { Company } from './entities/company.entity';
import { CompanyBillingDetails } from './entities/company-billing-details.entity';
import { requireCompanyId } from '@libs/persistence';

/**
 * Companies and their billing details. Reads and writes of "the current company" take the id from
 * the request context only (never from a path or body), so a caller cannot reach another tenant.
 */
@Injectable()
export class CompaniesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get companies() {
    return this.txHost.tx.getRepository(Company);
  }

  private get billing() {
    return this.txHost.tx.getRepository(CompanyBillingDetails);
  }

  async insert(company: Partial<Company>): Promise<Company> {
    const entity = this.companies.create(company);
    await this.companies.insert(entity);
    return entity;
  }

  async insertEmptyBillingDetails(companyId: string): Promise<void> {
    await this.billing.insert({ companyId, updatedBy: currentActorId() });
  }

  async slugExists(slug: string): Promise<boolean> {
    return this.companies.exists({ where: { slug }, withDeleted: false });
  }

  /** Slugs starting with `base` (to derive a free one), lowest first. */
  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.companies
      .createQueryBuilder('c')
      .select('c.slug', 'slug')
      .where('c.slug LIKE :prefix', { prefix: `${base.replace(/[%_]/g, '')}%` })
      .getRawMany<{ slug: string }>();
    return rows.map((r) => r.slug);
  }

  /** Any company by id (no tenant filter): for the user-scoped views (`/companies/mine`, invitations). */
  async findById(id: string): Promise<Company | null> {
    return this.companies.findOne({ where: { id } });
  }

  /** The active company of the request (fails closed without one). */
  async findCurrent(): Promise<Company | null> {
    return this.companies.findOne({ where: { id: requireCompanyId() } });
  }

  async saveCurrent(company: Company): Promise<Company> {
    if (company.id !== requireCompanyId())
      throw new Error('Refusing to write a company other than the current one');
    return this.companies.save(company);
  }

  async findCurrentBillingDetails(): Promise<CompanyBillingDetails | null> {
    return this.billing.findOne({ where: { companyId: requireCompanyId() } });
  }

  async saveCurrentBillingDetails(details: CompanyBillingDetails): Promise<CompanyBillingDetails> {
    if (details.companyId !== requireCompanyId()) throw new Error('Refusing to write another company');
    details.updatedBy = currentActorId();
    return this.billing.save(details);
  }

  async countryExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM ref.countries WHERE code = $1', [code]);
    return rows.length > 0;
  }

  async currencyExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM ref.currencies WHERE code = $1', [
      code,
    ]);
    return rows.length > 0;
  }
}
