/** Public description of the counselling centre (`GET /api/centre`, DESIGN.md section 7). */
export interface CentreResponse {
  name: string;
  /** Phone number for faster help, shown on every page. */
  phone: string;
  /** Days within which the centre promises an answer. */
  responseDays: number;
  /** Months after the end of counselling or the last activity until an account is erased. */
  retentionMonths: number;
  /** Neutral page that the quick-exit button replaces the portal with. */
  exitUrl: string;
  /** Topics a client may pick for an enquiry. */
  topics: string[];
  /** The team's ECDH P-256 public key (base64url, raw), null until the first lead has set up the centre. */
  teamPublicKey: string | null;
}

/** Longest sender a centre may set for its notices (an address with a short display name). */
export const NOTIFICATION_SENDER_MAX_LENGTH = 320;

/** A bare address: no display name, list separators or quoting; a dotted domain whose last part is not a number. */
const BARE_SENDER =
  /^[^\s@<>()[\]\\,;:"]+@([^\s@<>()[\]\\,;:".]+\.)+[^\s@<>()[\]\\,;:".\d][^\s@<>()[\]\\,;:".]*$/u;

/** `Display name <address>`; the name has no quotes, separators or angle brackets. */
const NAMED_SENDER = /^([^<>()[\]\\,;:"@]*)<([^<>]*)>$/u;

/** CR, LF and every other C0 control, DEL, and the Unicode line and paragraph separators. */
function breaksLines(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) {
      return true;
    }
  }
  return false;
}

/**
 * The address in a neutral notice sender such as `noreply@beratung.example` or
 * `Beratungsstelle <noreply@beratung.example>`, or null when the portal's mailer would refuse it:
 * more than one line or address, a domain without a dot (`noreply@localhost`), a bare IP address,
 * or quoting and separators in the display name. The API, the lead's settings form and the
 * configuration check at start all ask this one function.
 */
export function notificationSenderAddress(value: unknown): string | null {
  if (
    typeof value !== 'string' ||
    value.length > NOTIFICATION_SENDER_MAX_LENGTH ||
    breaksLines(value)
  ) {
    return null;
  }
  const trimmed = value.trim();
  const named = NAMED_SENDER.exec(trimmed);
  const address = named ? named[2].trim() : trimmed;
  return address.length <= 254 && BARE_SENDER.test(address) ? address : null;
}

/**
 * Why the last notice could not be sent, without content or address: the sender or subject the
 * centre set is refused, the recipient's stored address is, the mail server refused the mail
 * (permanent) or could not be reached in time (temporary, retries used up), or something else.
 */
export type NoticeFailureReason =
  | 'sender'
  | 'subject'
  | 'recipient'
  | 'refused'
  | 'unreachable'
  | 'other';

export interface NoticeFailure {
  /** ISO time of the failed attempt. */
  at: string;
  reason: NoticeFailureReason;
  /** Technical codes only, e.g. `SMTP 550` or `ECONNECTION`; never an address or a server's text. */
  detail: string | null;
}

/** The lead's view of the centre's notice mails (`GET /api/centre/mail`, leads only). */
export interface CentreMailResponse {
  notificationSender: string;
  notificationSubject: string;
  /** Set while the most recent notice failed; cleared by the next one that is sent. */
  lastNoticeFailure: NoticeFailure | null;
}
