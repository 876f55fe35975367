import { HttpHeaders, HttpResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CounsellorSummary, SessionResponse } from '@confidant/shared/api-interfaces';
import { CentreStore, SessionStore, StaffApi } from '@confidant/web/core';
import { webcrypto } from 'node:crypto';
import { NoTeamKeyError, TeamAdmin } from './team-admin';

async function nextRequest(http: HttpTestingController, url: string) {
  for (let i = 0; i < 400; i++) {
    const found = http.match(url);
    if (found.length > 0) {
      return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No request to ${url}`);
}

function sessionOf(role: 'lead' | 'counsellor', teamKeyGrant: unknown): SessionResponse {
  const later = new Date(Date.now() + 3_600_000).toISOString();
  return {
    account: {
      id: `${role}-1`,
      username: role,
      role,
      displayName: 'Frau Leitung',
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: true,
    },
    keys: {
      publicKey: 'x',
      wrappedPrivateKey: { v: 1, iv: 'x', ct: 'x' },
      teamKeyGrant: teamKeyGrant as SessionResponse['keys']['teamKeyGrant'],
    },
    session: { idleExpiresAt: later, absoluteExpiresAt: later },
  };
}

describe('TeamAdmin', () => {
  let http: HttpTestingController;
  let admin: TeamAdmin;
  let session: SessionStore;

  beforeAll(() => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    }
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    admin = TestBed.inject(TeamAdmin);
    session = TestBed.inject(SessionStore);
  });

  afterEach(() => session.wipe());

  it('seals the team key to a counsellor so that she can open what is sealed to the team', async () => {
    // Loaded as the app loads it: on demand.
    const {
      createConversationKey,
      createTeamKey,
      exportPublicKey,
      generateIdentityKeyPair,
      openConversationKey,
      openTeamKey,
      toBase64Url,
    } = await import('@confidant/shared/crypto');
    // The lead, as setup made her: an identity and the team key sealed to it.
    const lead = await generateIdentityKeyPair();
    const team = await createTeamKey(await exportPublicKey(lead.publicKey));
    session.establish(
      new HttpResponse({ body: sessionOf('lead', team.grant), headers: new HttpHeaders() }),
      { privateKey: lead.privateKey, wrapKey: lead.privateKey },
    );
    // A counsellor who has registered but cannot read yet.
    const counsellor = await generateIdentityKeyPair();
    const member: CounsellorSummary = {
      id: 'c/1',
      username: 'beraterin',
      displayName: 'Frau Berg',
      role: 'counsellor',
      active: true,
      hasTeamKey: false,
      publicKey: toBase64Url(await exportPublicKey(counsellor.publicKey)),
    };

    const done = admin.grantTeamKey(member);
    const request = await nextRequest(http, StaffApi.teamKey('c/1'));
    expect(request.request.method).toBe('PUT');
    expect(request.request.url).toBe('/api/staff/counsellors/c%2F1/team-key');
    const { grant } = request.request.body;
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    // What a client seals to the team opens with the team key from her grant...
    const teamKey = await openTeamKey(grant, counsellor.privateKey);
    const conversation = await createConversationKey({ team: team.publicKey });
    await expect(openConversationKey(conversation.sealed.team, teamKey)).resolves.toBeDefined();
    // ...and the grant is hers alone: the lead's key does not open it.
    await expect(openTeamKey(grant, lead.privateKey)).rejects.toMatchObject({ code: 'auth' });
  });

  it('refuses to grant without the lead’s own team key in memory, and sends nothing', async () => {
    const member = { id: 'c1', publicKey: 'x' } as CounsellorSummary;
    await expect(admin.grantTeamKey(member)).rejects.toBeInstanceOf(NoTeamKeyError);
    http.expectNone(StaffApi.teamKey('c1'));
  });

  it('makes an invitation link with the token in the fragment', async () => {
    const made = admin.invite('counsellor', 'https://beratung.example');
    const request = await nextRequest(http, StaffApi.invitations);
    expect(request.request.body).toEqual({ role: 'counsellor' });
    request.flush({ token: 'T0k3n', role: 'counsellor', expiresAt: '2026-12-01T00:00:00Z' });
    expect((await made).link).toBe('https://beratung.example/einladung#T0k3n');
  });

  it('deactivates with a PATCH and shows the new centre settings at once', async () => {
    const member = { id: 'c1' } as CounsellorSummary;
    const patched = admin.setActive(member, false);
    const patch = await nextRequest(http, StaffApi.counsellor('c1'));
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ active: false });
    patch.flush(null, { status: 204, statusText: 'No Content' });
    await patched;

    const saved = admin.updateCentre({ name: 'Frauenberatung Nord', responseDays: 2 });
    const centre = await nextRequest(http, StaffApi.centre);
    expect(centre.request.body).toEqual({ name: 'Frauenberatung Nord', responseDays: 2 });
    centre.flush({ name: 'Frauenberatung Nord', responseDays: 2 });
    await saved;
    expect(TestBed.inject(CentreStore).centre()?.name).toBe('Frauenberatung Nord');
  });
});
