import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { serializeTransactions } from '../lib/transaction-lock';
import { DatabaseLogger } from '../lib/typeorm-logger';

/**
 * A fresh in-memory SQLite database for a module test: the schema is made from the entities that
 * the modules under test register, so each API lib can be started on its own. Tests only.
 */
export function testDatabaseModule(): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => ({
      type: 'sqlite',
      database: ':memory:',
      autoLoadEntities: true,
      synchronize: true,
      dropSchema: true,
      logging: ['error'],
      logger: new DatabaseLogger(),
    }),
    dataSourceFactory: async (options?: DataSourceOptions) => {
      const dataSource = await new DataSource(options as DataSourceOptions).initialize();
      serializeTransactions(dataSource);
      return dataSource;
    },
  });
}
