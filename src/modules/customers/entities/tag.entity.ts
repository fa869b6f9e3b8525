import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/**
 * A label of the company's one tag catalogue (customers and conversations). Names are unique per
 * company ignoring case: `uq_tags_company_id_name` is on `lower(name)`, an expression TypeORM cannot
 * describe, so the migration owns it. Tags are hard-deleted; the join rows follow by cascade.
 */
@Entity({ schema: 'customers', name: 'tags' })
@Index('uq_tags_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_tags_company_id_name', { synchronize: false })
@Check('ck_tags_name_length', `char_length("name") BETWEEN 1 AND 50`)
@Check('ck_tags_color_format', `"color" ~ '^#[0-9A-Fa-f]{6}$'`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Tag extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;

  /** `#RRGGBB`. */
  @Column({ type: 'text', nullable: true })
  color: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
