export * from './lib/client.routes';
