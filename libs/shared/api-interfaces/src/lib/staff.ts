import { Role } from './roles';

/** `POST /api/staff/invitations`: the single-use token for the invitation link. */
export interface InvitationResponse {
  token: string;
  role: Role;
  expiresAt: string;
}

/** A member of staff as a lead sees her (`GET /api/staff/counsellors`). */
export interface CounsellorSummary {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  active: boolean;
  /** Whether a lead has sealed the team key to her; without it she can read nothing. */
  hasTeamKey: boolean;
  /** Her public key, to seal the team key to (raw P-256, base64url). */
  publicKey: string;
}

/** Whether the centre still waits for its first lead (`GET /api/setup`). */
export interface SetupStatusResponse {
  needed: boolean;
}
