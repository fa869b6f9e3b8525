import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { AuditedEntity } from '@libs/persistence';

/** The tenant. Its id is the `company_id` of every tenant-owned row. */
@Entity({ schema: 'companies', name: 'companies' })
@Index('uq_companies_slug', ['slug'], { unique: true, where: 'deleted_at IS NULL' })
@Check('ck_companies_name_length', `char_length("name") BETWEEN 2 AND 120`)
@Check('ck_companies_slug_format', `"slug" ~ '^[a-z0-9-]{3,50}$'`)
export class Company extends AuditedEntity {
  @Column({ type: 'text' })
  name: string;

  /** Installation-wide unique handle, `^[a-z0-9-]{3,50}$`, derived from the name when absent. */
  @Column({ type: 'text' })
  slug: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  @ForeignKey('Country', { onDelete: 'NO ACTION' })
  countryCode: string;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3 })
  @ForeignKey('Currency', { onDelete: 'NO ACTION' })
  defaultCurrency: string;

  /** IANA time zone; "today" for the company is its local date. */
  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text', default: 'en' })
  locale: string;
}
