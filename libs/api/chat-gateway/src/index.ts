export * from './lib/appointments/appointment.entity';
export * from './lib/appointments/appointments.service';
export * from './lib/chat-settings';
export * from './lib/chat.module';
export * from './lib/gateway/chat.gateway';
