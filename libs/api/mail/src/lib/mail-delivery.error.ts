import { DeliveryFailure, describeFailure } from './delivery-failure';

/**
 * A mail that could not be handed over: a permanent refusal (SMTP 5xx, unwritable outbox) or a
 * temporary one that outlasted every retry. The message carries only the SMTP reply code or error
 * code, never the server's reply text, which often echoes the recipient's address.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  /** True when the last failure was temporary (4xx, connection trouble): trying later may work. */
  readonly transient: boolean;
  /** Error code such as `EENVELOPE`, `ESOCKET` or `EACCES`, if there was one. */
  readonly code: string | undefined;
  /** SMTP reply code such as 550, if the server answered. */
  readonly responseCode: number | undefined;

  constructor(
    readonly attempts: number,
    failure: DeliveryFailure,
  ) {
    super(
      `Mail delivery failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ` +
        `${failure.transient ? 'temporary' : 'permanent'} failure (${describeFailure(failure)})`,
    );
    this.transient = failure.transient;
    this.code = failure.code;
    this.responseCode = failure.responseCode;
  }
}
