import {
  AppointmentResponse,
  ROOM_OPENS_MINUTES_BEFORE,
  RoomState,
} from '@confidant/shared/api-interfaces';
import { AppointmentEntity } from './appointment.entity';
import { localTime } from './centre-time';

/** Every column of `appointment`, for hand-written queries. */
export const APPOINTMENT_COLUMNS =
  'id, conversation_id, proposal_id, proposed_by, proposed_at, starts_at, duration_minutes, ' +
  'status, responded_at, cancelled_at, cancelled_by, cancelled_by_role, cancel_reason, ' +
  'room_opened_at, ended_at';

/** A row as the driver returns it (`bigint` may come as a string). */
export interface AppointmentRow {
  id: string;
  conversation_id: string;
  proposal_id: string;
  proposed_by: string | null;
  proposed_at: number | string;
  starts_at: number | string;
  duration_minutes: number | string;
  status: AppointmentEntity['status'];
  responded_at: number | string | null;
  cancelled_at: number | string | null;
  cancelled_by: string | null;
  cancelled_by_role: AppointmentEntity['cancelledByRole'];
  cancel_reason: string | null;
  room_opened_at: number | string | null;
  ended_at: number | string | null;
}

const instant = (value: number | string) => new Date(Number(value));
const maybeInstant = (value: number | string | null) => (value === null ? null : instant(value));

export function fromRow(row: AppointmentRow): AppointmentEntity {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    proposalId: row.proposal_id,
    proposedBy: row.proposed_by,
    proposedAt: instant(row.proposed_at),
    startsAt: instant(row.starts_at),
    durationMinutes: Number(row.duration_minutes),
    status: row.status,
    respondedAt: maybeInstant(row.responded_at),
    cancelledAt: maybeInstant(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    cancelledByRole: row.cancelled_by_role,
    cancelReason: row.cancel_reason,
    roomOpenedAt: maybeInstant(row.room_opened_at),
    endedAt: maybeInstant(row.ended_at),
  };
}

export function endsAt(appointment: AppointmentEntity): Date {
  return new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000);
}

export function roomOpensAt(appointment: AppointmentEntity): Date {
  return new Date(appointment.startsAt.getTime() - ROOM_OPENS_MINUTES_BEFORE * 60_000);
}

/** The state of the appointment's chat room at `now` (see {@link RoomState}). */
export function roomState(appointment: AppointmentEntity, now: Date): RoomState {
  if (appointment.status !== 'accepted') {
    return 'closed';
  }
  if (appointment.endedAt || now.getTime() >= endsAt(appointment).getTime()) {
    return 'ended';
  }
  if (appointment.roomOpenedAt) {
    return 'open';
  }
  return now.getTime() >= roomOpensAt(appointment).getTime() ? 'openable' : 'closed';
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toAppointmentResponse(
  appointment: AppointmentEntity,
  timeZone: string,
  now: Date,
): AppointmentResponse {
  const end = endsAt(appointment);
  return {
    id: appointment.id,
    conversationId: appointment.conversationId,
    proposalId: appointment.proposalId,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: end.toISOString(),
    durationMinutes: appointment.durationMinutes,
    timeZone,
    localStart: localTime(appointment.startsAt, timeZone),
    localEnd: localTime(end, timeZone),
    status: appointment.status,
    proposedBy: appointment.proposedBy,
    proposedAt: appointment.proposedAt.toISOString(),
    respondedAt: iso(appointment.respondedAt),
    cancelledAt: iso(appointment.cancelledAt),
    cancelledBy: appointment.cancelledBy,
    cancelledByRole: appointment.cancelledByRole,
    cancelReason: appointment.cancelReason ? JSON.parse(appointment.cancelReason) : null,
    roomOpensAt: roomOpensAt(appointment).toISOString(),
    roomOpenedAt: iso(appointment.roomOpenedAt),
    endedAt: iso(appointment.endedAt),
    room: roomState(appointment, now),
  };
}
