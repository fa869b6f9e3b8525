import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An IANA time zone. Its UTC offset is deliberately not stored: it changes with daylight saving time
 * and with law, so clients compute it for the instant they need. Read-only reference data.
 */
@Entity({ schema: 'ref', name: 'timezones' })
// Trigram index of the `q` search, defined by the migration (see Country).
@Index('ix_timezones_name_trgm', { synchronize: false })
export class Timezone {
  /** IANA name, e.g. `Europe/Paris`. */
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** The area the name starts with, e.g. `Europe`; null for a zone without one (`UTC`). */
  @Column({ type: 'text', nullable: true })
  region: string | null;
}
