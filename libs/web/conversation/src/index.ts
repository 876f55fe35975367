export * from './lib/conversations';
export * from './lib/format';
export * from './lib/thread/conversation-thread';
export * from './lib/thread/thread.text';
