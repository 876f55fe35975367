export { isValidSender, isValidSubject } from './lib/compose-message';
export * from './lib/invalid-mail.error';
export * from './lib/mail-delivery.error';
export * from './lib/mail-failure';
export * from './lib/mail-settings';
export * from './lib/mail.module';
export * from './lib/mail.service';
export * from './lib/outgoing-mail';
