import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * The standard columns of every business table (ARCHITECTURE §4), layered id -> timestamps -> actors
 * -> soft delete -> version. Timestamps keep millisecond precision, the precision of the API, so a
 * value read, sent in a cursor and compared again is exactly equal.
 *
 * `*_by` are plain uuid columns (no FK, no cascade: deleting a user never touches history); they are
 * filled by AuditColumnsSubscriber from the request context. `id` is a UUIDv7 made in the app (time
 * ordered, so inserts stay at the right edge of the primary key index).
 */
export abstract class AuditedEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @DeleteDateColumn({ type: 'timestamptz', precision: 3 })
  deletedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  deletedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * A row owned by one company (tenant). The FK to companies and the composite indexes led by
 * `company_id` are declared by each table's migration.
 */
export abstract class TenantOwnedEntity extends AuditedEntity {
  @Column({ type: 'uuid' })
  companyId: string;
}
