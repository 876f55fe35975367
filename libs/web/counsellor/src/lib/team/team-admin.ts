import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CentreMailResponse,
  CentreResponse,
  CounsellorSummary,
  InvitationResponse,
} from '@confidant/shared/api-interfaces';
import { CentreStore, SessionStore, StaffApi, StaffRoutes } from '@confidant/web/core';
import { firstValueFrom } from 'rxjs';

export type InvitationRole = 'counsellor' | 'lead';

/** A PATCH of the centre's settings; absent fields stay as they are. */
export interface CentrePatch {
  name?: string;
  phone?: string;
  responseDays?: number;
  retentionMonths?: number;
  exitUrl?: string;
  notificationSender?: string;
  notificationSubject?: string;
  topics?: string[];
}

/** Thrown when the lead's own keys are not in memory (locked session, or no grant). */
export class NoTeamKeyError extends Error {
  constructor() {
    super('The team key of this session is not available.');
    this.name = 'NoTeamKeyError';
  }
}

/**
 * What a lead does for her team: invitations, the staff list, granting the team key (sealed in
 * her browser from her own grant to the other's public key), (de)activation, centre settings.
 */
@Injectable({ providedIn: 'root' })
export class TeamAdmin {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly centre = inject(CentreStore);

  /** The full invitation link; the token travels in the fragment, which no server log sees. */
  async invite(
    role: InvitationRole,
    origin: string,
  ): Promise<InvitationResponse & { link: string }> {
    const invitation = await firstValueFrom(
      this.http.post<InvitationResponse>(StaffApi.invitations, { role }),
    );
    return { ...invitation, link: `${origin}/${StaffRoutes.invitation}#${invitation.token}` };
  }

  staff(): Promise<CounsellorSummary[]> {
    return firstValueFrom(this.http.get<CounsellorSummary[]>(StaffApi.counsellors));
  }

  /**
   * Opens the lead's own team key grant with her private key and seals the team private key to
   * the member's public key. The server sees only the sealed envelope.
   */
  async grantTeamKey(member: CounsellorSummary): Promise<void> {
    const ownGrant = this.session.teamKeyGrant;
    const privateKey = this.session.privateKey;
    if (!ownGrant || !privateKey) {
      throw new NoTeamKeyError();
    }
    const crypto = await import('@confidant/shared/crypto');
    const grant = await crypto.grantTeamKey(
      ownGrant,
      privateKey,
      crypto.fromBase64Url(member.publicKey),
    );
    await firstValueFrom(this.http.put<void>(StaffApi.teamKey(member.id), { grant }));
  }

  /** Deactivation ends her sessions and removes her grant on the server. */
  async setActive(member: CounsellorSummary, active: boolean): Promise<void> {
    await firstValueFrom(this.http.patch<void>(StaffApi.counsellor(member.id), { active }));
  }

  /** Sender and subject of the notice mails, and why the last one failed (leads only). */
  mailSettings(): Promise<CentreMailResponse> {
    return firstValueFrom(this.http.get<CentreMailResponse>(StaffApi.centreMail));
  }

  async updateCentre(patch: CentrePatch): Promise<CentreResponse> {
    const centre = await firstValueFrom(this.http.patch<CentreResponse>(StaffApi.centre, patch));
    this.centre.replace(centre);
    return centre;
  }
}
