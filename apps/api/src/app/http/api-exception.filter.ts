import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { ApiErrorResponse } from '@confidant/shared/api-interfaces';

/**
 * The one place where HTTP errors become responses: always `{statusCode, error, message}`, never a
 * stack trace or an internal message. Unexpected errors are logged with the route pattern only, so
 * that no body, query, IP address or user agent reaches the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = toErrorResponse(exception);
    if (body.statusCode >= 500) {
      const route = (request.route as { path?: string } | undefined)?.path ?? '(no route)';
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${request.method} ${route} failed: ${error.message}`, error.stack);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    if (isClientHttpError(exception) && exception.type === 'entity.too.large') {
      // The rest of a body that is too large is not read: the connection closes after the answer.
      response.setHeader('Connection', 'close');
    }
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(body.statusCode).json(body);
  }
}

/** An error of the `http-errors` kind, as body-parser raises for a too large or broken body. */
interface ClientHttpError {
  status: number;
  expose: true;
  type?: string;
  message: string;
}

function isClientHttpError(exception: unknown): exception is ClientHttpError {
  const candidate = exception as Partial<ClientHttpError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.expose === true &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}

/** Clearer words for what body-parser reports before a route is reached. */
const BODY_ERROR_MESSAGES: Record<string, string> = {
  'entity.too.large': 'The request body is too large.',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'charset.unsupported': 'The request body must be UTF-8.',
  'encoding.unsupported': 'The request body uses an unsupported content encoding.',
};

/** Maps anything thrown to the public error shape; unknown errors become a plain 500. */
export function toErrorResponse(exception: unknown): ApiErrorResponse {
  if (isClientHttpError(exception)) {
    const statusCode = exception.status;
    const message = (exception.type && BODY_ERROR_MESSAGES[exception.type]) || exception.message;
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    const message =
      typeof payload === 'object' && payload !== null && 'message' in payload
        ? (payload as { message: string | string[] }).message
        : exception.message;
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: 'Something went wrong on the server. Please try again later.',
  };
}
