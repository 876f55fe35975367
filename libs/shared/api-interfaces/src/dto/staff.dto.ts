import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SealedEnvelopeDto } from '../lib/envelopes';
import { NewIdentityDto } from './auth.dto';
import { DisplayNameField, PublicKeyField, TokenField, UsernameField } from './fields';
import { IsSealedEnvelope } from './validators';

/** `POST /api/setup`: the first lead, made in her browser with the team key pair. */
export class SetupDto extends NewIdentityDto {
  @TokenField() setupToken!: string;
  @UsernameField() username!: string;
  @DisplayNameField() displayName!: string;
  @PublicKeyField() teamPublicKey!: string;
  /** The team private key sealed to her own public key. */
  @IsSealedEnvelope() teamKeyGrant!: SealedEnvelopeDto;
}

/** `POST /api/staff/invitations`. */
export class InvitationCreateDto {
  @IsIn(['counsellor', 'lead']) role!: 'counsellor' | 'lead';
}

/** `POST /api/staff/register`: a counsellor or lead joins through an invitation link. */
export class StaffRegisterDto extends NewIdentityDto {
  @TokenField() invitationToken!: string;
  @UsernameField() username!: string;
  @DisplayNameField() displayName!: string;
}

/** `PUT /api/staff/counsellors/:id/team-key`: the team key sealed to her public key. */
export class TeamKeyGrantDto {
  @IsSealedEnvelope() grant!: SealedEnvelopeDto;
}

/** `PATCH /api/staff/counsellors/:id`. */
export class CounsellorUpdateDto {
  @IsBoolean() active!: boolean;
}

/** `PATCH /api/staff/centre`: any subset of the centre's settings. */
export class CentreUpdateDto {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsString() @Length(3, 50) phone?: string;
  @IsOptional() @IsInt() @Min(1) @Max(30) responseDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(24) retentionMonths?: number;
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  exitUrl?: string;
  @ApiProperty({ example: 'Beratungsstelle <noreply@beratung.example>' })
  @IsOptional()
  @IsString()
  @Length(3, 320)
  notificationSender?: string;
  @IsOptional() @IsString() @Length(1, 200) notificationSubject?: string;
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  topics?: string[];
}
