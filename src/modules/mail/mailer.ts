import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EmailDelivery, type MailTemplate } from './entities/email-delivery.entity';
import { MailDispatcher } from './mail-dispatcher';
import type { MailConfig } from './mail.config';
import { renderMail } from './mail-templates';

export interface QueuedMail {
  to: string;
  template: MailTemplate;
  locale?: string;
  companyId?: string | null;
  /** Template variables (a token included); `baseUrl` (the web client) is added by the mailer. */
  variables: Record<string, string>;
}

/**
 * The one way to send mail: renders the template and inserts a `platform.email_deliveries` row in the
 * current transaction (a rolled-back change sends nothing). The dispatcher sends it after commit.
 */
@Injectable()
export class Mailer {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(ConfigService) private readonly config: ConfigService,
    @Inject(MailDispatcher) private readonly dispatcher: MailDispatcher,
  ) {}

  async queue(mail: QueuedMail): Promise<void> {
    const { publicUrl } = this.config.getOrThrow<MailConfig>('mail');
    const rendered = renderMail(mail.template, { baseUrl: publicUrl, ...mail.variables });
    await this.txHost.tx.getRepository(EmailDelivery).insert({
      id: uuidv7(),
      companyId: mail.companyId ?? null,
      to: mail.to,
      template: mail.template,
      locale: mail.locale ?? 'en',
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      status: 'queued',
    });
    this.dispatcher.nudge();
  }
}
