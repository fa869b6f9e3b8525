import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ConnectionTestOutcome } from './connection-test-outcome';

/** Each phase (connect, greeting, any later reply) gives up after this long: a test must answer quickly. */
const SMTP_TIMEOUT_MS = 5000;

/**
 * Connects to the SMTP server of `url`, says EHLO, starts TLS and logs in as the URL says, then quits
 * (nodemailer's verify): proves the server is reachable and accepts the credentials, sends no mail.
 */
export async function verifySmtp(url: string): Promise<ConnectionTestOutcome> {
  const transport = new SMTPTransport({
    url,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return { result: 'succeeded', message: 'The SMTP server accepted the connection' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { result: 'failed', message: `The SMTP server could not be used: ${reason}` };
  } finally {
    transport.close();
  }
}
