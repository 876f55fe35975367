export * from './test-identity';
export * from './test-auth-module';
export * from './test-auth-app';
export * from './centre-lead';
