import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AesEnvelopeDto, SealedEnvelopeDto } from '../lib/envelopes';
import { MAX_MESSAGE_BYTES } from '../lib/conversations';
import { NewIdField, UuidField } from './fields';
import { IsAesEnvelope, IsSealedEnvelope } from './validators';

/** Largest message ciphertext: 64 KB of plaintext JSON plus the tag (shared with the web app). */
export { MAX_MESSAGE_BYTES };

/** A message as its author's browser encrypted it; the id is hers, so a retry is idempotent. */
export class NewMessageDto {
  @NewIdField() id!: string;
  // Larger envelopes pass validation so that the service can answer them with 413.
  @IsAesEnvelope(256 * 1024) envelope!: AesEnvelopeDto;
}

/** The conversation key, sealed to the client and to the team. */
export class ConversationKeysDto {
  @IsSealedEnvelope() client!: SealedEnvelopeDto;
  @IsSealedEnvelope() team!: SealedEnvelopeDto;
}

/** `POST /api/conversations`: a new enquiry with its keys and first message, all or nothing. */
export class NewConversationDto {
  @NewIdField() id!: string;
  @IsOptional() @IsString() @MaxLength(100) topic?: string;
  @ValidateNested() @Type(() => ConversationKeysDto) keys!: ConversationKeysDto;
  @ValidateNested() @Type(() => NewMessageDto) message!: NewMessageDto;
}

/** `GET /api/conversations?all=true`: a lead's view of every conversation. */
export class ConversationListQuery {
  @IsOptional() @IsIn(['true', 'false']) all?: 'true' | 'false';
}

/** `GET /api/conversations/:id/messages?before=&limit=`. */
export class MessagePageQuery {
  @IsOptional() @UuidField() before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** `POST /api/conversations/:id/assign`: empty to take over; a lead names the counsellor. */
export class AssignDto {
  @IsOptional() @UuidField() counsellorId?: string;
}

/** `POST /api/conversations/:id/read`: everything up to this message has been read. */
export class ReadDto {
  @UuidField() upTo!: string;
}

/** `PUT /api/conversations/:id/keys/client`: the key re-sealed to the client's new public key. */
export class ClientKeyDto {
  @IsSealedEnvelope() envelope!: SealedEnvelopeDto;
}
