import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationAccess } from './conversations/conversation-access';
import { ConversationEvents } from './conversations/conversation-events';
import { ConversationEntity } from './conversations/conversation.entity';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsService } from './conversations/conversations.service';
import { MessageEntity } from './messages/message.entity';
import { MessagesService } from './messages/messages.service';
import { ReadMarkerEntity } from './messages/read-marker.entity';
import { ReplyNoticeService } from './notices/reply-notice.service';
import { EnquiryStatEntity } from './statistics/enquiry-stat.entity';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsService } from './statistics/statistics.service';

/**
 * Asynchronous counselling: enquiries, the team queue, conversations, messages, read state,
 * neutral notices and anonymous statistics. Needs the (global) auth, mail and centre modules.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ConversationEntity,
      MessageEntity,
      ReadMarkerEntity,
      EnquiryStatEntity,
    ]),
  ],
  controllers: [ConversationsController, StatisticsController],
  providers: [
    ConversationAccess,
    ConversationEvents,
    ConversationsService,
    MessagesService,
    ReplyNoticeService,
    StatisticsService,
  ],
  exports: [
    ConversationAccess,
    ConversationEvents,
    ConversationsService,
    MessagesService,
    ReplyNoticeService,
  ],
})
export class MessagingModule {}
