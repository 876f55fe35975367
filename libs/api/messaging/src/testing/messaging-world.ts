import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CentreModule, CentreService } from '@confidant/api/accounts';
import { AccountService } from '@confidant/api/auth';
import { applyApiPipeline, makeIdentity, testAuthModule } from '@confidant/api/auth/testing';
import { testMailModule } from '@confidant/api/mail/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import { Role } from '@confidant/shared/api-interfaces';
import {
  createConversationKey,
  createTeamKey,
  decryptMessage,
  encryptMessage,
  fromBase64Url,
  grantTeamKey,
  openConversationKey,
  openTeamKey,
  toBase64Url,
} from '@confidant/shared/crypto';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { MessagingModule } from '../lib/messaging.module';

/** Someone using the portal through the API, with her keys in memory as in the browser. */
export interface Person {
  id: string;
  http: TestAgent;
  privateKey: CryptoKey;
  publicKey: string;
  /** Staff only: the team private key opened from her grant. */
  teamKey?: CryptoKey;
}

export const CENTRE_SEED = {
  name: 'Frauenberatung Teststadt',
  phone: '0123 456789',
  responseDays: 3,
  retentionMonths: 6,
  exitUrl: 'https://exit.example/',
  notificationSender: 'Beratung <noreply@example.org>',
  notificationSubject: 'Neuigkeiten',
  topics: ['Gewalt'],
};

/**
 * The messaging module on an in-memory database, with a centre whose team key exists, and helpers
 * that act as real clients and counsellors with `libs/shared/crypto`. Tests only.
 */
export class MessagingWorld {
  app!: INestApplication;
  private teamGrant!: unknown;
  private lead!: Person;

  static async start(
    outboxDir: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    extraImports: any[] = [],
  ): Promise<MessagingWorld> {
    const world = new MessagingWorld();
    const moduleRef = await Test.createTestingModule({
      imports: [
        testDatabaseModule(),
        testMailModule({ outboxDir }),
        testAuthModule(),
        CentreModule.forRoot({ useFactory: () => CENTRE_SEED }),
        MessagingModule,
        ...extraImports,
      ],
    }).compile();
    world.app = moduleRef.createNestApplication();
    applyApiPipeline(world.app);
    await world.app.init();
    await world.setUpTeam();
    return world;
  }

  private async setUpTeam(): Promise<void> {
    const identity = await makeIdentity();
    const team = await createTeamKey(fromBase64Url(identity.body.publicKey));
    this.teamGrant = team.grant;
    await this.app.get(CentreService).setTeamPublicKey(toBase64Url(team.publicKey));
    this.lead = await this.person('lead', identity, team.grant);
  }

  async client(email?: string): Promise<Person> {
    const identity = await makeIdentity();
    const http = request.agent(this.app.getHttpServer());
    const response = await http
      .post('/auth/register')
      .send({
        username: `c-${randomUUID().slice(0, 8)}`,
        ...identity.body,
        ...(email ? { email } : {}),
      })
      .expect(201);
    return {
      id: response.body.account.id,
      http,
      privateKey: identity.privateKey,
      publicKey: identity.body.publicKey,
    };
  }

  /** A counsellor (with the team key unless `granted` is false) or the lead. */
  async counsellor(granted = true): Promise<Person> {
    const identity = await makeIdentity();
    const grant = granted
      ? await grantTeamKey(
          this.teamGrant,
          this.lead.privateKey,
          fromBase64Url(identity.body.publicKey),
        )
      : null;
    return this.person('counsellor', identity, grant);
  }

  get leadPerson(): Person {
    return this.lead;
  }

  private async person(
    role: Role,
    identity: Awaited<ReturnType<typeof makeIdentity>>,
    grant: unknown,
  ): Promise<Person> {
    const accounts = this.app.get(AccountService);
    const username = `${role}-${randomUUID().slice(0, 8)}`;
    const account = await accounts.create({
      username,
      role,
      displayName: `Frau ${username}`,
      ...identity.body,
    });
    if (grant) {
      await accounts.update(account.id, { teamKeyGrant: JSON.stringify(grant) });
    }
    const http = request.agent(this.app.getHttpServer());
    await http.post('/auth/login').send({ username, authKey: identity.body.authKey }).expect(200);
    return {
      id: account.id,
      http,
      privateKey: identity.privateKey,
      publicKey: identity.body.publicKey,
      teamKey: grant ? await openTeamKey(grant, identity.privateKey) : undefined,
    };
  }

  /** What the client's browser sends for a new enquiry. */
  async enquiry(client: Person, text: string, topic?: string) {
    const centre = await this.app.get(CentreService).getCentre();
    const conversationId = randomUUID();
    const messageId = randomUUID();
    const { key, sealed } = await createConversationKey({
      client: fromBase64Url(client.publicKey),
      team: fromBase64Url(centre.teamPublicKey ?? ''),
    });
    const envelope = await encryptMessage(
      key,
      { conversationId, messageId, senderId: client.id },
      { text },
    );
    return {
      conversationId,
      key,
      body: { id: conversationId, topic, keys: sealed, message: { id: messageId, envelope } },
    };
  }

  /** Opens the conversation key as the caller's browser would (own key, or through the team key). */
  async conversationKey(person: Person, conversationId: string): Promise<CryptoKey> {
    const detail = await person.http.get(`/conversations/${conversationId}`).expect(200);
    return openConversationKey(detail.body.key, person.teamKey ?? person.privateKey);
  }

  async write(
    person: Person,
    conversationId: string,
    key: CryptoKey,
    text: string,
    id = randomUUID(),
  ) {
    const envelope = await encryptMessage(
      key,
      { conversationId, messageId: id, senderId: person.id },
      { text },
    );
    return person.http.post(`/conversations/${conversationId}/messages`).send({ id, envelope });
  }

  /** The thread as the person reads it: decrypted texts, notices as `[notice]`. */
  async read(person: Person, conversationId: string, key: CryptoKey): Promise<string[]> {
    const page = await person.http
      .get(`/conversations/${conversationId}/messages?limit=200`)
      .expect(200);
    return Promise.all(
      page.body.map(
        async (message: {
          id: string;
          senderId: string;
          kind: string;
          envelope: unknown;
          notice: string;
        }) =>
          message.kind === 'notice'
            ? `[${message.notice}]`
            : (
                await decryptMessage(
                  key,
                  { conversationId, messageId: message.id, senderId: message.senderId },
                  message.envelope,
                )
              ).text,
      ),
    );
  }
}
