import { getRepositoryToken } from '@nestjs/typeorm';
import { SessionService } from '@confidant/api/auth';
import { MessagingWorld, Person } from '@confidant/api/messaging/testing';
import { encryptMessage } from '@confidant/shared/crypto';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { Repository } from 'typeorm';
import { AppointmentEntity } from '../lib/appointments/appointment.entity';
import { ChatSettings } from '../lib/chat-settings';
import { ChatModule } from '../lib/chat.module';

/** A client and her assigned counsellor in one conversation, with the conversation key. */
export interface Pair {
  client: Person;
  counsellor: Person;
  conversationId: string;
  key: CryptoKey;
}

/**
 * The chat module on top of the messaging world (in-memory SQLite, real crypto), with helpers
 * that act as the two browsers: over HTTP and, once listening, over socket.io. Tests only.
 */
export class ChatWorld {
  private sockets: Socket[] = [];
  private port = 0;

  private constructor(readonly messaging: MessagingWorld) {}

  static async start(outboxDir: string, settings?: Partial<ChatSettings>): Promise<ChatWorld> {
    const chat = settings ? ChatModule.withSettings(settings) : ChatModule;
    return new ChatWorld(await MessagingWorld.start(outboxDir, [chat]));
  }

  get app() {
    return this.messaging.app;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.disconnect());
    await this.app.close();
  }

  /** A new enquiry by a new client, taken over by a new counsellor. */
  async pair(email?: string): Promise<Pair> {
    const client = await this.messaging.client(email);
    const enquiry = await this.messaging.enquiry(client, 'Ich möchte chatten.');
    await client.http.post('/conversations').send(enquiry.body).expect(201);
    const counsellor = await this.messaging.counsellor();
    await counsellor.http
      .post(`/conversations/${enquiry.conversationId}/assign`)
      .send({})
      .expect(200);
    return { client, counsellor, conversationId: enquiry.conversationId, key: enquiry.key };
  }

  /** The counsellor proposes; answers the created appointments. */
  async propose(pair: Pair, startsInMinutes: number, durationMinutes = 60) {
    const startsAt = new Date(Date.now() + startsInMinutes * 60_000).toISOString();
    const response = await pair.counsellor.http
      .post(`/conversations/${pair.conversationId}/appointments`)
      .send({ startsAt, durationMinutes })
      .expect(201);
    return response.body as { id: string }[];
  }

  /** An accepted appointment starting in the given minutes (negative: already running). */
  async accepted(pair: Pair, startsInMinutes = 5, durationMinutes = 60): Promise<string> {
    const [appointment] = await this.propose(pair, Math.max(startsInMinutes, 1), durationMinutes);
    await pair.client.http.post(`/appointments/${appointment.id}/accept`).expect(200);
    if (startsInMinutes < 1) {
      await this.moveStart(appointment.id, startsInMinutes);
    }
    return appointment.id;
  }

  /** Moves an appointment in time, as if the clock had run on. */
  async moveStart(appointmentId: string, startsInMinutes: number): Promise<void> {
    await this.app
      .get<Repository<AppointmentEntity>>(getRepositoryToken(AppointmentEntity))
      .update({ id: appointmentId }, { startsAt: new Date(Date.now() + startsInMinutes * 60_000) });
  }

  /** A fresh session cookie for the person, as after a login in another tab. */
  async cookieFor(person: Person): Promise<{ cookie: string; token: string }> {
    const { token } = await this.app.get(SessionService).create(person.id);
    return { cookie: `confidant-session=${token}`, token };
  }

  async message(person: Person, pair: Pair, text: string, id = randomUUID()) {
    const envelope = await encryptMessage(
      pair.key,
      { conversationId: pair.conversationId, messageId: id, senderId: person.id },
      { text },
    );
    return { conversationId: pair.conversationId, id, envelope };
  }

  async listen(): Promise<number> {
    if (!this.port) {
      await this.app.listen(0, '127.0.0.1');
      this.port = (this.app.getHttpServer().address() as AddressInfo).port;
    }
    return this.port;
  }

  /**
   * A socket to `/chat`; resolves once connected, rejects with the handshake's error. `auth` is
   * the handshake's auth payload (`{previous}` for a reconnecting tab).
   */
  async connect(
    cookie?: string,
    headers: Record<string, string> = {},
    auth?: Record<string, unknown>,
  ): Promise<Socket> {
    const port = await this.listen();
    const socket = io(`http://127.0.0.1:${port}/chat`, {
      transports: ['websocket'],
      extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
      ...(auth ? { auth } : {}),
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }

  async connectAs(person: Person): Promise<Socket> {
    return this.connect((await this.cookieFor(person)).cookie);
  }
}

/** Emits with an acknowledgement, which must come within two seconds. */
export function ask<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T & { ok: boolean; error?: string; message?: string }> {
  return socket.timeout(2000).emitWithAck(event, payload);
}

/** The next `event` on the socket (within two seconds). */
export function next<T = Record<string, unknown>>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} event`)), 2000);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
