export * from './messaging-world';
