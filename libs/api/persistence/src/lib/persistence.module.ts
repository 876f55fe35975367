import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseSettings, databaseOptions, isPostgres, openDatabase } from './database-options';

export interface PersistenceModuleOptions {
  // Nest's own provider APIs type injection tokens this loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => DatabaseSettings | Promise<DatabaseSettings>;
}

/**
 * The application's database connection. Feature modules register their entities with
 * `TypeOrmModule.forFeature` and they are picked up automatically.
 */
@Module({})
export class PersistenceModule {
  static forRootAsync(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: options.inject,
          useFactory: async (...args: unknown[]) => {
            const settings = await options.useFactory(...args);
            return {
              ...databaseOptions(settings),
              autoLoadEntities: true,
              // SQLite is a local file: an error opening it does not go away by waiting. Nest
              // would retry 9 times over 27 s, logging a stack trace each time; fail at once
              // instead. A PostgreSQL server may still be starting: a few tries, 2 s apart.
              toRetry: () => isPostgres(settings),
              retryAttempts: isPostgres(settings) ? 5 : 0,
              retryDelay: 2000,
            };
          },
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            if (!dataSourceOptions) {
              throw new Error('PersistenceModule: database options are missing');
            }
            return openDatabase(new DataSource(dataSourceOptions));
          },
        }),
      ],
    };
  }
}
