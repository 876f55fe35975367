import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPOINTMENT_MINUTES, MAX_APPOINTMENT_OPTIONS } from '../lib/appointments';
import { AesEnvelopeDto } from '../lib/envelopes';
import { NewMessageDto } from './conversations.dto';
import { UuidField } from './fields';
import { IsAesEnvelope } from './validators';

/**
 * An ISO 8601 date and time to the minute (seconds allowed). With `Z` or an offset it is an
 * instant; without, a wall-clock time in the centre's time zone.
 */
export const APPOINTMENT_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Largest encrypted cancellation reason: a short text. */
export const MAX_CANCEL_REASON_BYTES = 2048;

/** One date: when, and for how long (30–90 minutes). */
export class AppointmentSlotDto {
  @ApiProperty({
    type: 'string',
    pattern: APPOINTMENT_TIME_PATTERN.source,
    example: '2030-05-17T14:30',
  })
  @Matches(APPOINTMENT_TIME_PATTERN, {
    message:
      'startsAt must be an ISO 8601 date and time such as 2030-05-17T14:30 (centre time) or 2030-05-17T12:30:00Z',
  })
  startsAt!: string;

  @IsInt()
  @Min(APPOINTMENT_MINUTES.min)
  @Max(APPOINTMENT_MINUTES.max)
  durationMinutes!: number;
}

/**
 * `POST /api/conversations/:id/appointments`: the counsellor proposes a date, and optionally up
 * to four more as alternatives; the client accepts one of them.
 */
export class NewAppointmentDto extends AppointmentSlotDto {
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(MAX_APPOINTMENT_OPTIONS - 1)
  @Type(() => AppointmentSlotDto)
  alternatives?: AppointmentSlotDto[];
}

/**
 * `POST /api/appointments/:id/cancel`: a short reason, encrypted with the conversation key as a
 * message whose id is the appointment's id and whose sender is the caller.
 */
export class CancelAppointmentDto {
  @IsAesEnvelope(MAX_CANCEL_REASON_BYTES) reason!: AesEnvelopeDto;
}

/** Socket events `watch`, `unwatch`, `leave`, `typing`, `end`. */
export class ChatRoomDto {
  @UuidField() conversationId!: string;
}

/** Socket event `join`: `after` is the newest message the browser has, to catch up from. */
export class ChatJoinDto extends ChatRoomDto {
  @IsOptional() @UuidField() after?: string;
}

/** Socket event `message`: a message like any other, to the conversation of the room. */
export class ChatMessageDto extends NewMessageDto {
  @UuidField() conversationId!: string;
}

/** Socket event `delivered`: message `id` reached this browser. */
export class ChatDeliveredDto extends ChatRoomDto {
  @UuidField() id!: string;
}
