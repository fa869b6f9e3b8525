import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DataSource } from 'typeorm';
import type { MailConfig } from './mail.config';

/** Attempts per mail before it is `failed`, and the wait before each retry. */
export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [0, 30_000, 120_000];
const BATCH = 20;

interface ClaimedRow {
  id: string;
  to: string;
  template: string;
  subject: string;
  body_text: string | null;
  body_html: string | null;
  attempts: number;
}

/**
 * Sends queued mails after their transaction committed: polls (and is nudged right after a queue())
 * claiming rows with FOR UPDATE SKIP LOCKED, so several instances never send one mail twice at once.
 * With SMTP_URL: nodemailer, 3 attempts with backoff. Without: the row becomes `logged` and only its
 * metadata is logged, never the body (the body is where tokens are).
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private timer?: NodeJS.Timeout;
  private nudgeTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private transport?: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  private get settings(): MailConfig {
    return this.config.getOrThrow<MailConfig>('mail');
  }

  onApplicationBootstrap(): void {
    if (this.settings.smtpUrl) this.transport = createTransport(this.settings.smtpUrl);
    this.timer = setInterval(() => void this.runOnce(), this.settings.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.nudgeTimer);
    await this.running;
    this.transport?.close();
  }

  /** Called after a mail was queued: looks again shortly (after the caller's commit, usually). */
  nudge(): void {
    if (this.stopped || this.nudgeTimer) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = undefined;
      void this.runOnce();
    }, 50);
    this.nudgeTimer.unref();
  }

  /** One pass over the due mails; overlapping calls share the pass in flight. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.dispatch()
      .catch((error: unknown) => this.logger.error({ err: error }, 'Mail dispatch failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async dispatch(): Promise<void> {
    for (;;) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const rows: ClaimedRow[] = await manager.query(
          `SELECT id, "to", template, subject, body_text, body_html, attempts
             FROM platform.email_deliveries
            WHERE status = 'queued' AND next_attempt_at <= now()
            ORDER BY next_attempt_at
            LIMIT ${BATCH}
            FOR UPDATE SKIP LOCKED`,
        );
        for (const row of rows) await this.deliver(manager, row);
        return rows.length;
      });
      if (sent < BATCH || this.stopped) return;
    }
  }

  private async deliver(manager: DataSource['manager'], row: ClaimedRow): Promise<void> {
    const meta = { deliveryId: row.id, template: row.template };
    if (!this.transport) {
      await manager.query(
        `UPDATE platform.email_deliveries SET status = 'logged', attempts = attempts + 1, sent_at = now() WHERE id = $1`,
        [row.id],
      );
      this.logger.log(meta, 'Mail stored, not sent (no SMTP_URL)');
      return;
    }
    const attempt = row.attempts + 1;
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: row.to,
        subject: row.subject,
        text: row.body_text ?? '',
        html: row.body_html ?? undefined,
      });
      await manager.query(
        `UPDATE platform.email_deliveries
            SET status = 'sent', attempts = $2, sent_at = now(), provider_message_id = $3, last_error = NULL
          WHERE id = $1`,
        [row.id, attempt, info.messageId || null],
      );
      this.logger.log({ ...meta, attempt }, 'Mail sent');
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const failed = attempt >= MAX_ATTEMPTS;
      await manager.query(
        `UPDATE platform.email_deliveries
            SET status = $2, attempts = $3, last_error = $4,
                next_attempt_at = now() + ($5 || ' milliseconds')::interval
          WHERE id = $1`,
        [row.id, failed ? 'failed' : 'queued', attempt, message, String(BACKOFF_MS[attempt] ?? 0)],
      );
      this.logger.warn({ ...meta, attempt, error: message }, failed ? 'Mail failed' : 'Mail attempt failed');
    }
  }
}
