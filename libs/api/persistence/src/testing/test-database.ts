import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseLogger } from '../lib/typeorm-logger';

/**
 * A fresh in-memory SQLite database for a module test: the schema is made from the entities that
 * the modules under test register, so each API lib can be started on its own. Tests only.
 */
export function testDatabaseModule(): DynamicModule {
  return TypeOrmModule.forRoot({
    type: 'sqlite',
    database: ':memory:',
    autoLoadEntities: true,
    synchronize: true,
    dropSchema: true,
    logging: ['error'],
    logger: new DatabaseLogger(),
  });
}
