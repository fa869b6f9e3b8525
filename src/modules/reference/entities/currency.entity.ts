import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A currency or fund of ISO 4217, keyed by its alphabetic code. Read-only reference data. */
@Entity({ schema: 'ref', name: 'currencies' })
// Trigram index of the `q` search, defined by the migration (see Country).
@Index('ix_currencies_code_name_trgm', { synchronize: false })
export class Currency {
  /** ISO 4217 alphabetic code, e.g. `EUR`. */
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  /** ISO 4217 numeric code, zero-padded, e.g. `978`. */
  @Column({ type: 'char', length: 3, unique: true })
  numeric: string;

  /** ISO 4217 English name, e.g. `Euro`. */
  @Column({ type: 'text' })
  name: string;

  /** Decimal places of the minor unit (JPY 0, EUR 2, BHD 3); null where ISO 4217 defines none (XAU). */
  @Column({ type: 'int', nullable: true })
  minorUnits: number | null;

  /** Narrow symbol in English formatting, e.g. `€`, `$`; the code itself where none exists. */
  @Column({ type: 'text' })
  symbol: string;
}
