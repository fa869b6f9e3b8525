import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const TAX_ID_KINDS = ['abn', 'acn', 'vat', 'ein', 'other'] as const;
export type TaxIdKind = (typeof TAX_ID_KINDS)[number];

/** The invoicing identity of a company (1:1, created empty with the company). */
@Entity({ schema: 'companies', name: 'company_billing_details' })
@Check('ck_company_billing_details_tax_id_kind', `"tax_id_kind" IN ('abn', 'acn', 'vat', 'ein', 'other')`)
export class CompanyBillingDetails {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('Company', { onDelete: 'CASCADE' })
  companyId: string;

  @Column({ type: 'text', nullable: true })
  legalName: string | null;

  @Column({ type: 'text', nullable: true })
  tradingName: string | null;

  @Column({ type: 'text', nullable: true })
  taxId: string | null;

  @Column({ type: 'text', nullable: true })
  taxIdKind: TaxIdKind | null;

  /** false => the company's documents charge no tax. */
  @Column({ type: 'boolean', default: false })
  taxRegistered: boolean;

  @Column({ type: 'text', nullable: true })
  line1: string | null;

  @Column({ type: 'text', nullable: true })
  line2: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  @ForeignKey('Country', { onDelete: 'NO ACTION' })
  countryCode: string | null;

  @Column({ type: 'text', nullable: true })
  billingEmail: string | null;

  /** E.164, e.g. `+61291234567`. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
