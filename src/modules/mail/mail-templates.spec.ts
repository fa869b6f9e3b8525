import { MAIL_TEMPLATES } from './entities/email-delivery.entity';
import { renderMail } from './mail-templates';

describe('mail templates', () => {
  const vars = {
    baseUrl: 'https://app.example.com',
    name: '<b>Ada</b>',
    token: 'tok_abc',
    newEmail: 'new@example.com',
    companyName: 'Acme',
  };

  it.each(MAIL_TEMPLATES)('renders %s with a subject, text and escaped html', (template) => {
    const mail = renderMail(template, vars);
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.text.length).toBeGreaterThan(0);
    expect(mail.html).not.toContain('<b>Ada</b>');
  });

  it('puts the token in the bodies of token mails, and refuses a missing variable', () => {
    expect(renderMail('verify_email', vars).text).toContain('Your code: tok_abc');
    expect(renderMail('reset_password', vars).html).toContain(
      'https://app.example.com/reset-password?token=tok_abc',
    );
    expect(() => renderMail('verify_email', { baseUrl: 'x' })).toThrow(/token/);
  });
});
