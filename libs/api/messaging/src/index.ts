export * from './lib/conversations/conversation.entity';
export * from './lib/conversations/conversation-access';
export * from './lib/conversations/conversations.service';
export * from './lib/messages/message.entity';
export * from './lib/messages/messages.service';
export * from './lib/messages/read-marker.entity';
export * from './lib/messaging.module';
export * from './lib/statistics/enquiry-stat.entity';
