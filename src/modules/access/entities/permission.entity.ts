import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The installation-wide permission catalogue (SPEC §4), synced at start-up from every module's
 * PermissionSet: new keys are inserted, changed descriptions updated, vanished keys marked deprecated
 * (kept, so history can still name them; no role grants them any more).
 */
@Entity({ schema: 'access', name: 'permissions' })
@Index('ix_permissions_domain', ['domain'])
@Check('ck_permissions_key_format', `"key" ~ '^[a-z]+\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$'`)
export class Permission {
  /** `<domain>.<resource>.<action>`. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  domain: string;

  @Column({ type: 'text' })
  resource: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  description: string;

  /** May be granted with scope `own`. */
  @Column({ type: 'boolean', default: false })
  scopable: boolean;

  /** Set when no module declares the key any more; cleared if it comes back. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deprecatedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
