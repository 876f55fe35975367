export * from './log-capture';
export * from './parse-mail';
export * from './read-outbox';
export * from './test-mail-module';
export * from './test-smtp-server';
