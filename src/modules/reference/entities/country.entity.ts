import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A country or territory of ISO 3166-1, keyed by its alpha-2 code. Read-only reference data loaded by
 * a migration, so it carries none of the audit columns of business rows.
 */
@Entity({ schema: 'ref', name: 'countries' })
// Trigram index serving the `q` search; TypeORM cannot describe operator classes, so the migration
// owns its definition and `synchronize: false` keeps the schema diff from dropping it.
@Index('ix_countries_code_name_trgm', { synchronize: false })
export class Country {
  /** ISO 3166-1 alpha-2, e.g. `AU`. */
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  /** ISO 3166-1 alpha-3, e.g. `AUS`. */
  @Column({ type: 'char', length: 3, unique: true })
  alpha3: string;

  /** ISO 3166-1 numeric, zero-padded, e.g. `036`. */
  @Column({ type: 'char', length: 3, unique: true })
  numeric: string;

  /** English short name. */
  @Column({ type: 'text' })
  name: string;

  /** International dialling prefix, e.g. `+61`; null for a territory without one. */
  @Column({ type: 'text', nullable: true })
  callingCode: string | null;
}
