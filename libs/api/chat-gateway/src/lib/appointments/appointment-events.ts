import { Injectable, Logger } from '@nestjs/common';
import { AppointmentEntity } from './appointment.entity';

/** What happened to an appointment. */
export type AppointmentChange =
  | 'proposed'
  | 'accepted'
  | 'declined'
  | 'cancelled'
  | 'opened'
  | 'ended';

export type AppointmentListener = (
  appointment: AppointmentEntity,
  change: AppointmentChange,
) => void;

/**
 * Changes of appointments, from the HTTP routes to the chat gateway, which tells the browsers
 * that follow the conversation. In-process; a failing listener cannot stop the others.
 */
@Injectable()
export class AppointmentEvents {
  private readonly logger = new Logger(AppointmentEvents.name);
  private readonly listeners = new Set<AppointmentListener>();

  onChange(listener: AppointmentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(appointment: AppointmentEntity, change: AppointmentChange): void {
    for (const listener of this.listeners) {
      try {
        listener(appointment, change);
      } catch (error) {
        this.logger.warn(`An appointment listener failed: ${(error as Error).name}`);
      }
    }
  }
}
