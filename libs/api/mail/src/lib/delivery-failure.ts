/**
 * What went wrong with one delivery attempt, reduced to codes: nodemailer's errors carry the
 * server's reply and the rejected addresses, which must not reach a log or a caller's message.
 */
export interface DeliveryFailure {
  /** Worth retrying: a 4xx reply or a connection that failed or timed out. */
  transient: boolean;
  code?: string;
  responseCode?: number;
}

/** nodemailer's codes for a connection that could not be made or broke off. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);

/** Only short upper-case codes pass, so that nothing else from the error can slip through. */
const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,31}$/;

export function classifyFailure(error: unknown): DeliveryFailure {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
  };
  const code =
    typeof fields.code === 'string' && CODE_PATTERN.test(fields.code) ? fields.code : undefined;
  const responseCode =
    typeof fields.responseCode === 'number' && Number.isInteger(fields.responseCode)
      ? fields.responseCode
      : undefined;
  const transient =
    responseCode !== undefined
      ? responseCode >= 400 && responseCode < 500
      : code !== undefined && CONNECTION_CODES.has(code);
  return { transient, code, responseCode };
}

/** A log-safe description, e.g. `SMTP 550, EENVELOPE` or `ESOCKET`. */
export function describeFailure(failure: DeliveryFailure): string {
  const parts = [
    failure.responseCode !== undefined ? `SMTP ${failure.responseCode}` : undefined,
    failure.code,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'unknown error';
}
