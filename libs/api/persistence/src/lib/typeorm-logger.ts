import { Logger as NestLogger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Routes TypeORM's messages through Nest's logger and drops query parameters: they can hold
 * usernames, envelopes or token hashes, none of which belongs in a log (DESIGN.md section 5).
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Queries are not logged: even without parameters they tell who did what and when.
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    if (/CONSTRAINT|duplicate key/i.test(message)) {
      // Expected now and then (two people taking the same name); the caller answers it.
      this.logger.debug(`Constraint: ${message}`);
      return;
    }
    this.logger.error(`Query failed: ${message} (${firstLine(query)})`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${firstLine(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') {
      this.logger.warn(String(message));
    } else {
      this.logger.debug(String(message));
    }
  }
}

function firstLine(query: string): string {
  return query.split('\n')[0].slice(0, 200);
}
