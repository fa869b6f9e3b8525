import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validateEnv } from '../../config/validate-env';

class MailEnv {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset = mails are stored and logged, not sent (development). */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /** The From header of every mail. */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** How often the dispatcher looks for queued mails (it is also nudged right after a mail is queued). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  MAIL_POLL_MS?: number;

  /** Base URL of the web client, used to build the links in mails. */
  @IsOptional()
  @IsString()
  APP_PUBLIC_URL?: string;
}

export const mailConfig = registerAs('mail', () => {
  const env = validateEnv(MailEnv);
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from: env.MAIL_FROM ?? 'Cornerstone <no-reply@localhost>',
    pollMs: env.MAIL_POLL_MS ?? 2000,
    publicUrl: (env.APP_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
});

export type MailConfig = ReturnType<typeof mailConfig>;
