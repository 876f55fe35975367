export * from './chat-world';
