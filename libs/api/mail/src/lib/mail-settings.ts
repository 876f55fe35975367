/**
 * Where outgoing mail goes. Without an SMTP server every mail is written to the outbox folder, so
 * that a newcomer can run the portal and still read reset links; with `SMTP_URL` it is really sent.
 */
export interface MailSettings {
  /** `smtp://` or `smtps://`, may carry `user:password@`; `null` writes to the outbox instead. */
  smtpUrl: string | null;
  /** Folder for `.eml` files when there is no SMTP server; created with mode 0700. */
  outboxDir: string;
  /**
   * Waits before each retry after a temporary SMTP failure; its length is the number of retries.
   * Defaults to {@link DEFAULT_RETRY_DELAYS_MS}. Tests pass zeros.
   */
  retryDelaysMs?: readonly number[];
}

/** Two retries: soon, then a little later. Long enough for a greylisting relay's quick retry. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [200, 1000];

/** Injection token of the {@link MailSettings}. */
export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');
