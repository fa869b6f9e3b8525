import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A language of ISO 639-1, keyed by its two-letter code. Read-only reference data. */
@Entity({ schema: 'ref', name: 'languages' })
// Trigram index of the `q` search, defined by the migration (see Country).
@Index('ix_languages_code_name_native_name_trgm', { synchronize: false })
export class Language {
  /** ISO 639-1 code, e.g. `de`. */
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  /** English name, e.g. `German`. */
  @Column({ type: 'text' })
  name: string;

  /** The language's name for itself, e.g. `Deutsch`. */
  @Column({ type: 'text' })
  nativeName: string;
}
