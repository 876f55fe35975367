import { ApiProperty } from '@nestjs/swagger';
import {
  CentreMailResponse,
  CentreResponse,
  NoticeFailure,
  NoticeFailureReason,
} from '@confidant/shared/api-interfaces';

/** OpenAPI description of {@link CentreResponse}. */
export class CentreResponseDto implements CentreResponse {
  @ApiProperty({ example: 'Frauenberatung Musterstadt' })
  name!: string;

  @ApiProperty({ description: 'Phone number for faster help', example: '116 016' })
  phone!: string;

  @ApiProperty({ description: 'Days within which the centre promises an answer', example: 3 })
  responseDays!: number;

  @ApiProperty({
    description: 'Months after the end of counselling or the last activity until erasure',
    example: 6,
  })
  retentionMonths!: number;

  @ApiProperty({ description: 'Neutral page that quick exit leads to' })
  exitUrl!: string;

  @ApiProperty({ type: [String], description: 'Topics a client may pick for an enquiry' })
  topics!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The team's ECDH P-256 public key (raw, base64url); null until the centre is set up",
  })
  teamPublicKey!: string | null;
}

/** OpenAPI description of {@link NoticeFailure}. */
export class NoticeFailureDto implements NoticeFailure {
  @ApiProperty({ description: 'When the notice failed', format: 'date-time' })
  at!: string;

  @ApiProperty({
    enum: ['sender', 'subject', 'recipient', 'refused', 'unreachable', 'other'],
    description: 'What failed; never an address or content',
  })
  reason!: NoticeFailureReason;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Codes only, such as "SMTP 550, EENVELOPE"',
  })
  detail!: string | null;
}

/** OpenAPI description of {@link CentreMailResponse}. */
export class CentreMailResponseDto implements CentreMailResponse {
  @ApiProperty({ example: 'Beratungsstelle <noreply@beratung.example>' })
  notificationSender!: string;

  @ApiProperty({ example: 'Neuigkeiten im Portal' })
  notificationSubject!: string;

  @ApiProperty({
    type: NoticeFailureDto,
    nullable: true,
    description: 'Why the most recent notice could not be sent; null when it was sent',
  })
  lastNoticeFailure!: NoticeFailureDto | null;
}
