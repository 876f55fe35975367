import { AesEnvelopeDto } from '../lib/envelopes';
import { AuthKeyField, EmailField, RecoveryVerifierField, WrappedKeyField } from './fields';

/** Operations on the own account prove the password again with the authKey. */
export class AuthKeyDto {
  @AuthKeyField() authKey!: string;
}

/** `PUT /api/accounts/me/email`. */
export class EmailChangeDto extends AuthKeyDto {
  @EmailField() email!: string;
}

/** `POST /api/accounts/me/recovery`: a new recovery code replaces the old one. */
export class RecoveryRenewDto extends AuthKeyDto {
  @WrappedKeyField() recoveryWrappedPrivateKey!: AesEnvelopeDto;
  @RecoveryVerifierField() recoveryVerifier!: string;
}
