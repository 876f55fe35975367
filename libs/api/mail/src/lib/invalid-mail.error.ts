/**
 * A mail the service refuses to compose: a second recipient or a line break smuggled into a header
 * would let a caller's input add `Bcc:` lines or recipients. The message names the field, never
 * its value, so the error can be logged.
 */
export class InvalidMailError extends Error {
  override readonly name = 'InvalidMailError';

  constructor(
    readonly field: 'to' | 'from' | 'subject' | 'text',
    problem: string,
  ) {
    super(`Invalid mail: ${field} ${problem}`);
  }
}
