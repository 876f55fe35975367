/** What the auth module needs from the application's configuration. */
export interface AuthSettings {
  /** PBKDF2 iterations new accounts must use at least, and what prelogin offers unknown names. */
  kdfIterations: number;
  /** Keys the prelogin answers for unknown names, the IP hashes and the e-mail encryption. */
  serverSecret: Uint8Array;
  /** Origin of the portal, for the links in mails. */
  publicUrl: string;
  /** Cookies get `Secure` (and the `__Host-` prefix) when the portal runs on HTTPS. */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Neutral sender and subject of the centre's mails (DESIGN.md section 5), read when sending. */
  mailIdentity: () => Promise<MailIdentity>;
}

export interface MailIdentity {
  from: string;
  subject: string;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
