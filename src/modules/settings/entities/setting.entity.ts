import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * A stored setting value (SPEC §11.4): a company's override, or the installation-wide value when
 * `company_id` is NULL. Absent row = the next level applies (installation, then the declared default),
 * so reverting deletes the row: no soft delete here, which also keeps the unique key simple.
 */
@Entity({ schema: 'platform', name: 'settings' })
// UNIQUE (company_id, key) NULLS NOT DISTINCT: one installation row per key too. TypeORM cannot
// describe NULLS NOT DISTINCT, so the migration owns the index and the schema diff leaves it alone.
@Index('uq_settings_company_id_key', { synchronize: false })
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Setting {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  /** `<domain>.<name>`, declared in code by a SettingDefinitionSet. */
  @Column({ type: 'text' })
  key: string;

  /** The JSON value, validated against the definition when written. */
  @Column({ type: 'jsonb' })
  value: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
