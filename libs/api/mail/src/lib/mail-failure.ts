import { NoticeFailureReason } from '@confidant/shared/api-interfaces';
import { describeFailure } from './delivery-failure';
import { InvalidMailError } from './invalid-mail.error';
import { MailDeliveryError } from './mail-delivery.error';

/** Why a mail was not sent, in words a lead can act on; no address, subject or server text. */
export interface MailFailure {
  reason: NoticeFailureReason;
  /** Codes only, such as `SMTP 550, EENVELOPE`, `ECONNECTION` or an error's class name. */
  detail: string | null;
}

const FIELD_REASONS: Record<InvalidMailError['field'], NoticeFailureReason> = {
  from: 'sender',
  subject: 'subject',
  to: 'recipient',
  text: 'other',
};

/** Reduces what `MailService.send` (or reading the address before it) threw to a {@link MailFailure}. */
export function mailFailureOf(error: unknown): MailFailure {
  if (error instanceof InvalidMailError) {
    return { reason: FIELD_REASONS[error.field], detail: null };
  }
  if (error instanceof MailDeliveryError) {
    return {
      reason: error.transient ? 'unreachable' : 'refused',
      detail: describeFailure({
        transient: error.transient,
        code: error.code,
        responseCode: error.responseCode,
      }),
    };
  }
  // Only the class name: another error's message might quote an address or a key.
  const name = error instanceof Error ? error.name : typeof error;
  return { reason: 'other', detail: /^[A-Za-z][A-Za-z0-9_]{0,59}$/.test(name) ? name : null };
}
