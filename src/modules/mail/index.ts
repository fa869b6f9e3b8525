// The public API of the mail module: other modules import only from here.
export { MailModule } from './mail.module';
export { Mailer, type QueuedMail } from './mailer';
export { MailDispatcher } from './mail-dispatcher';
export {
  EmailDelivery,
  MAIL_TEMPLATES,
  type MailTemplate,
  type EmailDeliveryStatus,
} from './entities/email-delivery.entity';
export { renderMail, type RenderedMail } from './mail-templates';
