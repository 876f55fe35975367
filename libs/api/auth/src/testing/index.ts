export * from './test-identity';
export * from './test-auth-module';
