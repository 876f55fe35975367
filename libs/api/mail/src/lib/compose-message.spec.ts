import { notificationSenderAddress } from '@confidant/shared/api-interfaces';
import { composeMessage, isValidSender } from './compose-message';
import { InvalidMailError } from './invalid-mail.error';
import { OutgoingMail } from './outgoing-mail';

const mail: OutgoingMail = {
  to: 'klientin@mail.example',
  from: 'Beratungsstelle <noreply@beratung.example>',
  subject: 'Neuigkeiten für Sie',
  text: 'Es gibt Neuigkeiten.\nhttps://portal.beratung.example/',
};

function rejection(change: Partial<OutgoingMail>): InvalidMailError {
  try {
    composeMessage({ ...mail, ...change });
  } catch (error) {
    if (error instanceof InvalidMailError) {
      return error;
    }
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(change)}`);
}

describe('composeMessage', () => {
  it('keeps the given fields and adds a Message-ID in the sender’s domain, no X-Mailer', () => {
    const message = composeMessage(mail);

    expect(message).toMatchObject({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      xMailer: false,
    });
    expect(message.messageId).toMatch(/^<[0-9a-f-]{36}@beratung\.example>$/);
    expect(message.html).toBeUndefined();
    expect(message.attachments).toBeUndefined();
  });

  it.each([
    ['a header smuggled in with CRLF', 'a@b.example\r\nBcc: x@y.example'],
    ['a header smuggled in with LF', 'a@b.example\nBcc: x@y.example'],
    ['a bare CR', 'a@b.example\rBcc: x@y.example'],
    ['a Unicode line separator', 'a@b.example\u2028Bcc: x@y.example'],
    ['a comma list', 'a@b.example, x@y.example'],
    ['a semicolon list', 'a@b.example;x@y.example'],
    ['a space-separated list', 'a@b.example x@y.example'],
    ['a display name', 'Klientin <a@b.example>'],
    ['a group', 'Alle: a@b.example, x@y.example;'],
    ['no address at all', 'klientin'],
    ['two at signs', 'a@b@y.example'],
    ['a domain without a dot', 'a@localhost'],
    ['an empty string', ''],
    ['an address too long for SMTP', `${'a'.repeat(250)}@b.example`],
  ])('rejects a recipient with %s, without repeating it', (_case, to) => {
    const error = rejection({ to });

    expect(error.field).toBe('to');
    expect(error.message).not.toContain('x@y.example');
    expect(error.message).not.toContain('a@b');
  });

  it.each(['klientin@mail.example', "o'brien+beratung@sub.mail.example", 'A.B-C_d@MAIL.example'])(
    'accepts the single address %s',
    (to) => {
      expect(composeMessage({ ...mail, to }).to).toBe(to);
    },
  );

  it.each([
    ['a line break', 'Neuigkeiten\r\nBcc: x@y.example'],
    ['a bare LF', 'Neuigkeiten\nBcc: x@y.example'],
    ['a tab', 'Neuig\tkeiten'],
    ['nothing but spaces', '   '],
  ])('rejects a subject with %s', (_case, subject) => {
    const error = rejection({ subject });

    expect(error.field).toBe('subject');
    expect(error.message).not.toContain('x@y.example');
  });

  it.each([
    ['a line break', 'noreply@beratung.example\r\nBcc: x@y.example'],
    ['two senders', 'noreply@beratung.example, x@y.example'],
    ['a group', 'Team: noreply@beratung.example;'],
    ['no address', 'Beratungsstelle'],
    [
      'a domain without a dot (the old default for PUBLIC_URL=http://localhost)',
      'Online-Beratung <noreply@localhost>',
    ],
    ['a bare IP address as domain', 'noreply@127.0.0.1'],
    ['a quoted display name', '"Beratung, Stadt" <noreply@beratung.example>'],
    ['two angle addresses', 'A <a@b.example> <c@d.example>'],
  ])('rejects a sender with %s', (_case, from) => {
    expect(rejection({ from }).field).toBe('from');
    expect(isValidSender(from)).toBe(false);
  });

  it.each([
    'noreply@beratung.example',
    'Beratungsstelle <noreply@beratung.example>',
    'Frauenberatung e.V. Köln <noreply@beratung.example>',
    'Online-Beratung <noreply@localhost.invalid>',
  ])('accepts the sender %s, as the shared rule of the settings form does', (from) => {
    expect(isValidSender(from)).toBe(true);
    expect(notificationSenderAddress(from)).not.toBeNull();
    expect(composeMessage({ ...mail, from }).from).toBe(from);
  });

  it('accepts a bare sender address as well', () => {
    const message = composeMessage({ ...mail, from: 'noreply@beratung.example' });

    expect(message.messageId).toMatch(/@beratung\.example>$/);
  });

  it('rejects a body that is not plain text', () => {
    const text = { path: '/etc/passwd' } as unknown as string;

    expect(rejection({ text }).field).toBe('text');
  });
});
