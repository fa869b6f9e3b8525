import type { MailTemplate } from './entities/email-delivery.entity';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Vars = Record<string, string>;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function need(vars: Vars, template: MailTemplate, name: string): string {
  const value = vars[name];
  if (value === undefined) throw new Error(`Mail template ${template} needs the variable ${name}`);
  return value;
}

/** Builds the three parts from paragraphs; `link` (if any) is shown as a link and as plain text. */
function compose(
  subject: string,
  greeting: string,
  paragraphs: string[],
  link?: { url: string; label: string },
): RenderedMail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    '— Cornerstone',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    '<p>— Cornerstone</p>',
  ].join('\n');
  return { subject, text, html };
}

const hello = (vars: Vars): string => (vars.name ? `Hello ${vars.name},` : 'Hello,');

/**
 * One renderer per template (English; `locale` is stored for later translations). Variables a template
 * needs are checked: a missing one is a programming error, not a mail with a hole in it.
 */
export const MAIL_RENDERERS: Record<MailTemplate, (vars: Vars) => RenderedMail> = {
  verify_email: (v) =>
    compose(
      'Confirm your e-mail address',
      hello(v),
      [
        'Please confirm your e-mail address. The link is valid for 24 hours.',
        `Your code: ${need(v, 'verify_email', 'token')}`,
      ],
      {
        url: `${need(v, 'verify_email', 'baseUrl')}/verify-email?token=${v.token}`,
        label: 'Confirm e-mail address',
      },
    ),
  set_password: (v) =>
    compose(
      'Your Cornerstone account',
      hello(v),
      [
        'An account was created for you. Choose a password within 72 hours.',
        `Your code: ${need(v, 'set_password', 'token')}`,
      ],
      {
        url: `${need(v, 'set_password', 'baseUrl')}/reset-password?token=${v.token}`,
        label: 'Choose a password',
      },
    ),
  reset_password: (v) =>
    compose(
      'Reset your password',
      hello(v),
      [
        'Someone asked to reset the password of this account. If it was not you, ignore this mail. The link is valid for 1 hour.',
        `Your code: ${need(v, 'reset_password', 'token')}`,
      ],
      {
        url: `${need(v, 'reset_password', 'baseUrl')}/reset-password?token=${v.token}`,
        label: 'Reset password',
      },
    ),
  password_changed: (v) =>
    compose('Your password was changed', hello(v), [
      'The password of your account was just changed and every other session was signed out.',
      'If this was not you, reset your password now and contact your administrator.',
    ]),
  change_email_confirm: (v) =>
    compose(
      'Confirm your new e-mail address',
      hello(v),
      [
        'Confirm this address as the new sign-in address of your account. The link is valid for 24 hours.',
        `Your code: ${need(v, 'change_email_confirm', 'token')}`,
      ],
      {
        url: `${need(v, 'change_email_confirm', 'baseUrl')}/confirm-email?token=${v.token}`,
        label: 'Confirm new address',
      },
    ),
  change_email_notice: (v) =>
    compose('Your e-mail address is being changed', hello(v), [
      `A change of your sign-in address to ${need(v, 'change_email_notice', 'newEmail')} was requested. It takes effect once the new address is confirmed.`,
      'If this was not you, change your password now.',
    ]),
  invitation: (v) =>
    compose(
      `You are invited to ${need(v, 'invitation', 'companyName')}`,
      'Hello,',
      [
        `${v.inviterName ?? 'Someone'} invited you to join ${v.companyName} on Cornerstone. The invitation is valid for 7 days.`,
        `Your code: ${need(v, 'invitation', 'token')}`,
      ],
      {
        url: `${need(v, 'invitation', 'baseUrl')}/invitations/accept?token=${v.token}`,
        label: 'Accept invitation',
      },
    ),
};

export function renderMail(template: MailTemplate, variables: Vars): RenderedMail {
  return MAIL_RENDERERS[template](variables);
}
