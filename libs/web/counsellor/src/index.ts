export * from './lib/counsellor.routes';
