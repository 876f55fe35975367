import { HttpException, HttpStatus } from '@nestjs/common';
import { ChatErrorCode, ChatFailure } from '@confidant/shared/api-interfaces';

/** An event the gateway refuses on purpose; becomes `{ok: false, error, message}`. */
export class ChatRefusal extends Error {
  override name = 'ChatRefusal';

  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const BY_STATUS: Partial<Record<number, ChatErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'bad-request',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.CONFLICT]: 'conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'too-large',
};

/**
 * The acknowledgement for a failed event. Refusals and the services' HTTP exceptions keep their
 * meaning (404 → `not-found`, 403 → `forbidden`…); anything else is `internal`, without details.
 */
export function toFailure(error: unknown): ChatFailure {
  if (error instanceof ChatRefusal) {
    return { ok: false, error: error.code, message: error.message };
  }
  if (error instanceof HttpException) {
    const code = BY_STATUS[error.getStatus()];
    if (code) {
      return { ok: false, error: code, message: error.message };
    }
  }
  return { ok: false, error: 'internal', message: 'Something went wrong; please try again.' };
}
