import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule } from '@confidant/api/messaging';
import { AppointmentEntity } from './appointments/appointment.entity';
import { AppointmentEvents } from './appointments/appointment-events';
import {
  AppointmentsController,
  ConversationAppointmentsController,
} from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { assertTimeZone } from './appointments/centre-time';
import { CHAT_SETTINGS, ChatSettings, DEFAULT_CHAT_SETTINGS } from './chat-settings';
import { ChatGateway } from './gateway/chat.gateway';
import { ChatLimits, MemoryChatLimits } from './gateway/chat-limits';
import { ChatMessages } from './gateway/chat-messages';
import { ChatRooms } from './gateway/chat-rooms';
import { ChatSessions } from './gateway/chat-sessions';

/**
 * Chat appointments and the live chat room (socket.io namespace `/chat`). Needs the global auth,
 * mail and centre modules and the messaging module (conversations, access rules, messages).
 * `ChatModule` uses the defaults; `ChatModule.withSettings()` changes the time zone or limits.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AppointmentEntity]), MessagingModule],
  controllers: [ConversationAppointmentsController, AppointmentsController],
  providers: [
    { provide: CHAT_SETTINGS, useValue: DEFAULT_CHAT_SETTINGS },
    AppointmentEvents,
    AppointmentsService,
    {
      provide: ChatLimits,
      useFactory: (settings: ChatSettings) => new MemoryChatLimits(settings),
      inject: [CHAT_SETTINGS],
    },
    ChatGateway,
    ChatMessages,
    ChatRooms,
    ChatSessions,
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
