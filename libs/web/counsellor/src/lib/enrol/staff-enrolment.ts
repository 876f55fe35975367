import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  PreloginResponse,
  SessionResponse,
  SetupStatusResponse,
} from '@confidant/shared/api-interfaces';
import {
  AuthApi,
  createAccountIdentity,
  MIN_KDF_ITERATIONS,
  NewAccountIdentity,
  SessionStore,
  StaffApi,
} from '@confidant/web/core';
import { firstValueFrom } from 'rxjs';

/** What a new member of staff enters; the display name is what clients see of her. */
export interface StaffEnrolment {
  username: string;
  displayName: string;
  password: string;
}

/**
 * A member of staff joins: as the first lead through the setup link (she also makes the team key
 * pair and seals it to herself), or through a lead's invitation. Every key is made in her browser;
 * afterwards she is logged in with her keys in memory. Both return the recovery code to show once.
 */
@Injectable({ providedIn: 'root' })
export class StaffEnrolmentService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly minIterations = inject(MIN_KDF_ITERATIONS);

  /** Whether the centre still waits for its first lead. */
  async setupNeeded(): Promise<boolean> {
    const status = await firstValueFrom(this.http.get<SetupStatusResponse>(StaffApi.setup));
    return status.needed;
  }

  /** The first lead: her identity, the team key pair, and the team key sealed to her. */
  async setUp(setupToken: string, enrolment: StaffEnrolment): Promise<string> {
    const made = await this.newIdentity(enrolment);
    const crypto = await import('@confidant/shared/crypto');
    const team = await crypto.createTeamKey(made.publicKey);
    const response = await firstValueFrom(
      this.http.post<SessionResponse>(
        StaffApi.setup,
        {
          setupToken,
          username: enrolment.username,
          displayName: enrolment.displayName,
          ...made.body,
          teamPublicKey: crypto.toBase64Url(team.publicKey),
          teamKeyGrant: team.grant,
        },
        { observe: 'response' },
      ),
    );
    this.session.establish(response, made.keys);
    return made.recoveryCode;
  }

  /** A counsellor or lead invited by a lead; she can read only once a lead grants the team key. */
  async register(invitationToken: string, enrolment: StaffEnrolment): Promise<string> {
    const made = await this.newIdentity(enrolment);
    const response = await firstValueFrom(
      this.http.post<SessionResponse>(
        StaffApi.register,
        {
          invitationToken,
          username: enrolment.username,
          displayName: enrolment.displayName,
          ...made.body,
        },
        { observe: 'response' },
      ),
    );
    this.session.establish(response, made.keys);
    return made.recoveryCode;
  }

  /** Iterations: what the server asks of new accounts, never below the built-in floor. */
  private async newIdentity({ username, password }: StaffEnrolment): Promise<NewAccountIdentity> {
    const offered = await firstValueFrom(
      this.http.post<PreloginResponse>(AuthApi.prelogin, { username }),
    );
    return createAccountIdentity(password, offered.kdfIterations, this.minIterations);
  }
}
