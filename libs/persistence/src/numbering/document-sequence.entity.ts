import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * One per-company counter of document numbers (SPEC §1 "Document numbers"): `kind` names the
 * document (`order`, `invoice`...), `period` its numbering period (`2026`; empty when the numbers never
 * restart). Only DocumentNumbers writes it, always in the transaction that assigns the number.
 */
@Entity({ schema: 'platform', name: 'document_sequences' })
@Check('ck_document_sequences_next_value', `"next_value" >= 1`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class DocumentSequence {
  @PrimaryColumn({ type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @PrimaryColumn({ type: 'text' })
  period: string;

  /** The number the next document of this kind and period gets. */
  @Column({ type: 'bigint', default: 1 })
  nextValue: string;
}
