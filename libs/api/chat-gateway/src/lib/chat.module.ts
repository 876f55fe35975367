import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationEntity, MessagingModule } from '@confidant/api/messaging';
import { AppointmentEntity } from './appointments/appointment.entity';
import { AppointmentEvents } from './appointments/appointment-events';
import { AppointmentNoticeService } from './appointments/appointment-notice.service';
import {
  AppointmentsController,
  ConversationAppointmentsController,
} from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { assertTimeZone } from './appointments/centre-time';
import { CHAT_SETTINGS, ChatSettings, DEFAULT_CHAT_SETTINGS } from './chat-settings';
import { ChatGateway } from './gateway/chat.gateway';
import { ChatRooms } from './gateway/chat-rooms';
import { ChatSessions } from './gateway/chat-sessions';
import { GroupCommit } from './gateway/group-commit';

/**
 * Chat appointments and the live chat room (socket.io namespace `/chat`). Needs the global auth,
 * mail and centre modules and the messaging module (conversations, access rules, messages).
 * `ChatModule` uses the defaults; `ChatModule.withSettings()` changes the time zone or limits.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AppointmentEntity, ConversationEntity]), MessagingModule],
  controllers: [ConversationAppointmentsController, AppointmentsController],
  providers: [
    { provide: CHAT_SETTINGS, useValue: DEFAULT_CHAT_SETTINGS },
    AppointmentEvents,
    AppointmentNoticeService,
    AppointmentsService,
    ChatGateway,
    ChatRooms,
    ChatSessions,
    GroupCommit,
  ],
  exports: [AppointmentsService],
})
export class ChatModule {
  static withSettings(settings: Partial<ChatSettings>): DynamicModule {
    const merged = { ...DEFAULT_CHAT_SETTINGS, ...settings };
    assertTimeZone(merged.timeZone);
    return {
      module: ChatModule,
      providers: [{ provide: CHAT_SETTINGS, useValue: merged }],
    };
  }
}
