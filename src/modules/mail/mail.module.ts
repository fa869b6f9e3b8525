import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MailDispatcher } from './mail-dispatcher';
import { mailConfig } from './mail.config';
import { Mailer } from './mailer';

/** The e-mail outbox (SPEC §11.6), global: any module queues mail through `Mailer`. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(mailConfig)],
  providers: [MailDispatcher, Mailer],
  exports: [Mailer],
})
export class MailModule {}
