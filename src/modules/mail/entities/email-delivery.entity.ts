import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const MAIL_TEMPLATES = [
  'verify_email',
  'set_password',
  'reset_password',
  'password_changed',
  'change_email_confirm',
  'change_email_notice',
  'invitation',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export const EMAIL_DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'logged'] as const;
export type EmailDeliveryStatus = (typeof EMAIL_DELIVERY_STATUSES)[number];

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * One e-mail of the outbox (SPEC §11.6): written in the business transaction, sent (or logged) by the
 * dispatcher after commit. The bodies are the only place a token ever appears; an append-mostly log,
 * so it carries timestamps of its own rather than the audit columns of business rows.
 */
@Entity({ schema: 'platform', name: 'email_deliveries' })
@Check('ck_email_deliveries_template', `"template" IN (${quoted(MAIL_TEMPLATES)})`)
@Check('ck_email_deliveries_status', `"status" IN (${quoted(EMAIL_DELIVERY_STATUSES)})`)
@Index('ix_email_deliveries_status_next_attempt_at', ['status', 'nextAttemptAt'])
@Index('ix_email_deliveries_queued_at', ['queuedAt'])
export class EmailDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The company the mail is sent for (invitations); null for installation-level mail (sign-up, reset). */
  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ type: 'text' })
  to: string;

  @Column({ type: 'text' })
  template: MailTemplate;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text' })
  subject: string;

  /** Purged after 7 days (the only column that may hold a token). */
  @Column({ type: 'text', nullable: true })
  bodyText: string | null;

  @Column({ type: 'text', nullable: true })
  bodyHtml: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: EmailDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  queuedAt: Date;

  /** When the dispatcher may try (again); backoff after a failed attempt. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;
}
