import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/**
 * A machine principal of one company, acting with one role's permissions. Only sha256 of the token is
 * stored; `prefix` (`csk_` + 8 characters) is what people see to tell keys apart.
 */
@Entity({ schema: 'access', name: 'api_keys' })
@Index('uq_api_keys_key_hash', ['keyHash'], { unique: true })
@Index('ix_api_keys_company_id_created_at', ['companyId', 'createdAt'])
@Index('ix_api_keys_company_id_role_id', ['companyId', 'roleId'])
@Check('ck_api_keys_name_length', `char_length("name") BETWEEN 1 AND 100`)
@ForeignKey('Role', ['companyId', 'roleId'], ['companyId', 'id'], { onDelete: 'RESTRICT' })
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class ApiKey extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;

  /** The displayable start of the token, e.g. `csk_Ab3dEf9h`. */
  @Column({ type: 'text' })
  prefix: string;

  /** sha256 hex of the token. */
  @Column({ type: 'text' })
  keyHash: string;

  @Column({ type: 'uuid' })
  roleId: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'inet', nullable: true })
  lastUsedIp: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;
}
