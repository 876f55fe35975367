import { randomUUID } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import addressparser from 'nodemailer/lib/addressparser';
import { notificationSenderAddress } from '@confidant/shared/api-interfaces';
import { InvalidMailError } from './invalid-mail.error';
import { OutgoingMail } from './outgoing-mail';

/** A bare address: no display name, no list separators, no quoting, a dotted domain. */
const BARE_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/u;

/** RFC 5321's limit for a forward path. */
const MAX_ADDRESS_LENGTH = 254;

/**
 * Checks a mail and turns it into nodemailer's message options. Guards against header injection
 * (a line break in a header field, a second recipient) and against headers that leak: no
 * `X-Mailer`, a Message-ID in the sender's domain rather than the recipient's, plain text only,
 * and nodemailer may neither read files nor fetch URLs on the message's behalf.
 */
export function composeMessage(mail: OutgoingMail): Mail.Options {
  const to = checkRecipient(mail.to);
  const fromDomain = checkSender(mail.from);
  const subject = checkSubject(mail.subject);
  if (typeof mail.text !== 'string') {
    throw new InvalidMailError('text', 'must be plain text');
  }
  return {
    from: mail.from,
    to,
    subject,
    text: mail.text,
    messageId: `<${randomUUID()}@${fromDomain}>`,
    xMailer: false,
    headers: { 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function checkRecipient(to: unknown): string {
  if (typeof to !== 'string' || hasControlCharacter(to)) {
    throw new InvalidMailError('to', 'must be one address on one line');
  }
  if (to.length > MAX_ADDRESS_LENGTH || !BARE_ADDRESS.test(to)) {
    throw new InvalidMailError('to', 'must be exactly one bare e-mail address');
  }
  return to;
}

/**
 * Accepts `noreply@centre.example` or `Centre <noreply@centre.example>` (the rule of
 * `notificationSenderAddress`, which the settings form and the start check use too, and on which
 * nodemailer's own parser must agree); returns the domain. Throws {@link InvalidMailError}.
 */
export function checkSender(from: unknown): string {
  if (typeof from !== 'string' || hasControlCharacter(from)) {
    throw new InvalidMailError('from', 'must be one address on one line');
  }
  const address = notificationSenderAddress(from);
  const parsed = addressparser(from);
  const sender = parsed.length === 1 ? parsed[0] : undefined;
  if (!address || !sender || !('address' in sender) || sender.address !== address) {
    throw new InvalidMailError('from', 'must be exactly one e-mail address with a dotted domain');
  }
  return address.slice(address.lastIndexOf('@') + 1);
}

/** True when {@link composeMessage} would accept `from` as the sender. */
export function isValidSender(from: unknown): boolean {
  try {
    checkSender(from);
    return true;
  } catch {
    return false;
  }
}

/** True when {@link composeMessage} would accept `subject`: one line, not blank. */
export function isValidSubject(subject: unknown): boolean {
  try {
    checkSubject(subject);
    return true;
  } catch {
    return false;
  }
}

function checkSubject(subject: unknown): string {
  if (typeof subject !== 'string' || hasControlCharacter(subject)) {
    throw new InvalidMailError('subject', 'must be one line of text');
  }
  if (subject.trim() === '') {
    throw new InvalidMailError('subject', 'must not be empty');
  }
  return subject;
}

/** CR, LF and every other C0 control, DEL, and the Unicode line and paragraph separators. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) {
      return true;
    }
  }
  return false;
}
