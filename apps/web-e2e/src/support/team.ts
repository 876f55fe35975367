import {
  createIdentity,
  createTeamKey,
  deriveAccountKeys,
  deriveRecoveryKeys,
  fromBase64Url,
  generateRecoveryCode,
  grantTeamKey,
  newKdfParams,
  toBase64Url,
} from '@confidant/shared/crypto';
import { strongPassword, uniqueUsername } from './client-account';

/** The iterations the portal asks browsers for, and the fewest the web app accepts. */
const KDF_ITERATIONS = 600_000;

export interface StaffMember {
  username: string;
  displayName: string;
  password: string;
}

export interface Team {
  lead: StaffMember;
  counsellors: StaffMember[];
}

/** A minimal cookie jar for one person talking to the API from Node, as her browser would. */
class ApiSession {
  private cookie = '';

  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      this.cookie = setCookie.split(';')[0];
    }
    if (!response.ok) {
      throw new Error(`${method} /api/${path}: ${response.status} ${await response.text()}`);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** What the browser makes at registration: a key pair wrapped under the password and the recovery code. */
async function newIdentity(password: string) {
  const kdf = newKdfParams(KDF_ITERATIONS);
  const keys = await deriveAccountKeys(password, kdf.kdfSalt, KDF_ITERATIONS);
  const recovery = generateRecoveryCode();
  const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(recovery.bytes);
  const identity = await createIdentity(keys.wrapKey, recoveryKey);
  return {
    privateKey: identity.privateKey,
    body: {
      authKey: toBase64Url(keys.authKey),
      kdfSalt: toBase64Url(kdf.kdfSalt),
      kdfIterations: KDF_ITERATIONS,
      publicKey: toBase64Url(identity.publicKey),
      wrappedPrivateKey: identity.wrappedPrivateKey,
      recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
      recoveryVerifier: toBase64Url(recoveryVerifier),
    },
  };
}

/**
 * Sets up a fresh portal's team through the API with the real protocol, as the staff pages do
 * (those pages have their own test in staff-team.spec.ts): the first lead from the setup link,
 * then counsellors by invitation, each granted the team key by the lead.
 */
export async function seedTeam(
  baseUrl: string,
  setupLink: string,
  counsellorNames: string[],
): Promise<Team> {
  const lead: StaffMember = {
    username: uniqueUsername('leitung'),
    displayName: 'Frau Leitung',
    password: strongPassword(),
  };
  const leadSession = new ApiSession(baseUrl);
  const leadIdentity = await newIdentity(lead.password);
  const team = await createTeamKey(fromBase64Url(leadIdentity.body.publicKey));
  await leadSession.call('POST', 'setup', {
    setupToken: new URL(setupLink).hash.slice(1),
    username: lead.username,
    displayName: lead.displayName,
    ...leadIdentity.body,
    teamPublicKey: toBase64Url(team.publicKey),
    teamKeyGrant: team.grant,
  });

  const counsellors: StaffMember[] = [];
  for (const displayName of counsellorNames) {
    const member = {
      username: uniqueUsername('beraterin'),
      displayName,
      password: strongPassword(),
    };
    const { token } = await leadSession.call<{ token: string }>('POST', 'staff/invitations', {
      role: 'counsellor',
    });
    const identity = await newIdentity(member.password);
    await new ApiSession(baseUrl).call('POST', 'staff/register', {
      invitationToken: token,
      username: member.username,
      displayName,
      ...identity.body,
    });
    const staff = await leadSession.call<{ id: string; username: string; publicKey: string }[]>(
      'GET',
      'staff/counsellors',
    );
    const account = staff.find((entry) => entry.username === member.username);
    if (!account) {
      throw new Error(`${member.username} is not in the staff list`);
    }
    const grant = await grantTeamKey(
      team.grant,
      leadIdentity.privateKey,
      fromBase64Url(account.publicKey),
    );
    await leadSession.call('PUT', `staff/counsellors/${account.id}/team-key`, { grant });
    counsellors.push(member);
  }
  return { lead, counsellors };
}

/**
 * A client registered through the API with the real protocol, as her browser would, but who never
 * confirmed that she kept her recovery code (she left the step some other way).
 */
export async function registerClientThroughApi(
  baseUrl: string,
): Promise<{ username: string; password: string }> {
  const client = { username: uniqueUsername('ohne-code'), password: strongPassword() };
  const identity = await newIdentity(client.password);
  await new ApiSession(baseUrl).call('POST', 'auth/register', {
    username: client.username,
    ...identity.body,
  });
  return client;
}
