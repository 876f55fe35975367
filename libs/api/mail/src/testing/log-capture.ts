import { LoggerService } from '@nestjs/common';

/**
 * A Nest logger that keeps every line instead of printing it, for tests that assert what is, and
 * is not, logged: `Test.createTestingModule(…).setLogger(logs)`. Tests only.
 */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.keep('log', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.keep('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.keep('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.keep('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.keep('verbose', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.keep('fatal', message, rest);
  }

  private keep(level: string, message: unknown, rest: unknown[]): void {
    const parts = [message, ...rest].map((part) =>
      part instanceof Error ? `${part.message}\n${part.stack ?? ''}` : String(part),
    );
    this.lines.push(`${level}: ${parts.join(' ')}`);
  }
}
