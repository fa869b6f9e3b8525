import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A tag attached to a customer. Both foreign keys cascade: deleting a tag detaches it everywhere. */
@Entity({ schema: 'customers', name: 'customer_tags' })
@Index('ix_customer_tags_company_id_tag_id', ['companyId', 'tagId'])
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
@ForeignKey('Tag', ['companyId', 'tagId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class CustomerTag {
  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @PrimaryColumn({ type: 'uuid' })
  tagId: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
