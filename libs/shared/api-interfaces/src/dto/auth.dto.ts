import { IsOptional } from 'class-validator';
import { AesEnvelopeDto } from '../lib/envelopes';
import {
  AuthKeyField,
  EmailField,
  KdfIterationsField,
  KdfSaltField,
  PublicKeyField,
  RecoveryVerifierField,
  TokenField,
  UsernameField,
  WrappedKeyField,
} from './fields';

/** `POST /api/auth/prelogin`. */
export class PreloginDto {
  @UsernameField() username!: string;
}

/** `POST /api/auth/login`: the derived authKey goes where a password would. */
export class LoginDto {
  @UsernameField() username!: string;
  @AuthKeyField() authKey!: string;
}

/** Everything the browser makes for a new identity (DESIGN.md section 4). */
export class NewIdentityDto {
  @AuthKeyField() authKey!: string;
  @KdfSaltField() kdfSalt!: string;
  @KdfIterationsField() kdfIterations!: number;
  @PublicKeyField() publicKey!: string;
  @WrappedKeyField() wrappedPrivateKey!: AesEnvelopeDto;
  @WrappedKeyField() recoveryWrappedPrivateKey!: AesEnvelopeDto;
  @RecoveryVerifierField() recoveryVerifier!: string;
}

/** `POST /api/auth/register`: a client account; the e-mail is optional. */
export class RegisterDto extends NewIdentityDto {
  @UsernameField() username!: string;
  @IsOptional() @EmailField() email?: string;
}

/** `POST /api/auth/password`: the private key re-wrapped under the new password. */
export class PasswordChangeDto {
  @AuthKeyField() authKey!: string;
  @AuthKeyField() newAuthKey!: string;
  @KdfSaltField() newKdfSalt!: string;
  @KdfIterationsField() newKdfIterations!: number;
  @WrappedKeyField() newWrappedPrivateKey!: AesEnvelopeDto;
}

/** `POST /api/auth/reset/request`. */
export class ResetRequestDto {
  @UsernameField() username!: string;
}

/** `POST /api/auth/reset/confirm`: a new identity, since the old private key cannot be opened. */
export class ResetConfirmDto extends NewIdentityDto {
  @TokenField() token!: string;
}

/** `POST /api/auth/recovery/start`. */
export class RecoveryStartDto {
  @UsernameField() username!: string;
  @RecoveryVerifierField() recoveryVerifier!: string;
}

/** `POST /api/auth/recovery/complete`: same key pair, new password and new recovery code. */
export class RecoveryCompleteDto {
  @TokenField() recoveryToken!: string;
  @AuthKeyField() authKey!: string;
  @KdfSaltField() kdfSalt!: string;
  @KdfIterationsField() kdfIterations!: number;
  @WrappedKeyField() wrappedPrivateKey!: AesEnvelopeDto;
  @WrappedKeyField() recoveryWrappedPrivateKey!: AesEnvelopeDto;
  @RecoveryVerifierField() recoveryVerifier!: string;
}
