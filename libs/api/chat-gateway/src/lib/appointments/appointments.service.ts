import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AccountEntity } from '@confidant/api/auth';
import { jsonArrayValues } from '@confidant/api/persistence';
import {
  Access,
  ConversationAccess,
  ConversationEntity,
  ReplyNoticeService,
} from '@confidant/api/messaging';
import {
  AesEnvelopeDto,
  AppointmentResponse,
  ROOM_OPENS_MINUTES_BEFORE,
  Roles,
} from '@confidant/shared/api-interfaces';
import { AppointmentSlotDto, NewAppointmentDto } from '@confidant/shared/api-interfaces/dto';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { CHAT_SETTINGS, ChatSettings } from '../chat-settings';
import { AppointmentEntity } from './appointment.entity';
import { AppointmentChange, AppointmentEvents } from './appointment-events';
import {
  APPOINTMENT_COLUMNS,
  AppointmentRow,
  endsAt,
  fromRow,
  roomState,
  toAppointmentResponse,
} from './appointment-view';
import { CentreTimeError, parseCentreTime } from './centre-time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How far ahead a date may be proposed. */
export const MAX_DAYS_AHEAD = 366;

/** How long past appointments stay in `GET /api/appointments`. */
export const LIST_DAYS_BACK = 30;

/** An appointment with the caller's access to its conversation. */
export interface AppointmentAccess {
  appointment: AppointmentEntity;
  access: Access;
}

/**
 * Chat appointments (DESIGN.md section 7): the assigned counsellor proposes dates, the client
 * accepts one or declines, either cancels with an encrypted reason, the counsellor opens the
 * room from ten minutes before the start and ends it. Who may see an appointment follows who may
 * see its conversation: an appointment of an invisible conversation does not exist (404).
 */
@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AppointmentEntity)
    private readonly appointments: Repository<AppointmentEntity>,
    private readonly access: ConversationAccess,
    private readonly events: AppointmentEvents,
    private readonly notices: ReplyNoticeService,
    @Inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
  ) {}

  toResponse(appointment: AppointmentEntity, now = new Date()): AppointmentResponse {
    return toAppointmentResponse(appointment, this.settings.timeZone, now);
  }

  /** The counsellor proposes one date, or several for the client to choose from. */
  async propose(
    caller: AccountEntity,
    access: Access,
    dto: NewAppointmentDto,
    now = new Date(),
  ): Promise<AppointmentEntity[]> {
    if (!access.isAssigned) {
      throw new ForbiddenException('Only her counsellor proposes dates.');
    }
    if (access.conversation.closedAt) {
      throw new ConflictException('The conversation is closed.');
    }
    const slots: AppointmentSlotDto[] = [dto, ...(dto.alternatives ?? [])];
    const starts = slots.map((slot) => this.startOf(slot, now));
    if (new Set(starts.map((start) => start.getTime())).size !== starts.length) {
      throw new BadRequestException('The proposed dates must differ.');
    }
    const proposalId = randomUUID();
    const rows: AppointmentEntity[] = slots.map((slot, index) => ({
      id: randomUUID(),
      conversationId: access.conversation.id,
      proposalId,
      proposedBy: caller.id,
      proposedAt: now,
      startsAt: starts[index],
      durationMinutes: slot.durationMinutes,
      status: 'proposed',
      respondedAt: null,
      cancelledAt: null,
      cancelledBy: null,
      cancelledByRole: null,
      cancelReason: null,
      roomOpenedAt: null,
      endedAt: null,
    }));
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) {
        await manager.insert(AppointmentEntity, row);
      }
    });
    rows.forEach((row) => this.events.changed(row, 'proposed'));
    this.notices.notify(access.conversation, now);
    return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  /** Every appointment of a conversation, earliest first. */
  list(conversationId: string): Promise<AppointmentEntity[]> {
    return this.appointments.find({
      where: { conversationId },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The caller's appointments across conversations, earliest first: a client's in her own
   * conversations, a counsellor's in those assigned to her. Those that ended more than
   * {@link LIST_DAYS_BACK} days ago are left out.
   */
  async listFor(caller: AccountEntity, now = new Date()): Promise<AppointmentEntity[]> {
    if (caller.role !== Roles.client && !caller.teamKeyGrant) {
      return [];
    }
    const column = caller.role === Roles.client ? 'c.client_id' : 'c.counsellor_id';
    const rows = await this.appointments
      .createQueryBuilder('a')
      .innerJoin(ConversationEntity, 'c', 'c.id = a.conversation_id')
      .where(`${column} = :caller`, { caller: caller.id })
      .andWhere('a.starts_at >= :since', {
        // The longest appointment lasts 90 minutes; the exact end is checked below.
        since: now.getTime() - LIST_DAYS_BACK * 86_400_000 - 2 * 3_600_000,
      })
      .orderBy('a.starts_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    const since = now.getTime() - LIST_DAYS_BACK * 86_400_000;
    return rows.filter((row) => endsAt(row).getTime() >= since);
  }

  /** An appointment and the caller's access to its conversation; 404 when she cannot see it. */
  async find(caller: AccountEntity, id: string): Promise<AppointmentAccess> {
    const appointment = UUID.test(id) ? await this.appointments.findOneBy({ id }) : null;
    if (!appointment) {
      throw new NotFoundException('There is no such appointment.');
    }
    try {
      return { appointment, access: await this.access.find(caller, appointment.conversationId) };
    } catch (error) {
      if (error instanceof NotFoundException) {
        throw new NotFoundException('There is no such appointment.');
      }
      throw error;
    }
  }

  /** The client takes one date; the other dates of the proposal are declined with it. */
  async accept(target: AppointmentAccess, now = new Date()): Promise<AppointmentEntity> {
    const { appointment, access } = target;
    if (!access.isClient) {
      throw new ForbiddenException('Only the client accepts a date.');
    }
    this.assertProposed(appointment);
    if (endsAt(appointment).getTime() <= now.getTime()) {
      throw new ConflictException('This date has passed.');
    }
    const others = await this.dataSource.transaction(async (manager) => {
      const taken = await manager.update(
        AppointmentEntity,
        { id: appointment.id, status: 'proposed' },
        { status: 'accepted', respondedAt: now },
      );
      if (!taken.affected) {
        throw new ConflictException('This date is no longer open.');
      }
      const siblings = await manager.findBy(AppointmentEntity, {
        proposalId: appointment.proposalId,
        status: 'proposed',
      });
      if (siblings.length > 0) {
        await manager.update(
          AppointmentEntity,
          { id: In(siblings.map((row) => row.id)) },
          { status: 'declined', respondedAt: now },
        );
      }
      return siblings;
    });
    this.announce(others, { status: 'declined', respondedAt: now }, 'declined');
    return this.announceOne(appointment, { status: 'accepted', respondedAt: now }, 'accepted');
  }

  /** The client declines the proposal: every date of it that is still open. */
  async decline(target: AppointmentAccess, now = new Date()): Promise<AppointmentEntity> {
    const { appointment, access } = target;
    if (!access.isClient) {
      throw new ForbiddenException('Only the client declines a date.');
    }
    this.assertProposed(appointment);
    const declined = await this.dataSource.transaction(async (manager) => {
      const open = await manager.findBy(AppointmentEntity, {
        proposalId: appointment.proposalId,
        status: 'proposed',
      });
      if (!open.some((row) => row.id === appointment.id)) {
        throw new ConflictException('This date is no longer open.');
      }
      await manager.update(
        AppointmentEntity,
        { id: In(open.map((row) => row.id)), status: 'proposed' },
        { status: 'declined', respondedAt: now },
      );
      return open;
    });
    this.announce(
      declined.filter((row) => row.id !== appointment.id),
      { status: 'declined', respondedAt: now },
      'declined',
    );
    return this.announceOne(appointment, { status: 'declined', respondedAt: now }, 'declined');
  }

  /**
   * Either of the two cancels a proposed or accepted date that has not ended, with a short
   * reason encrypted in her browser. An open room closes with it.
   */
  async cancel(
    caller: AccountEntity,
    target: AppointmentAccess,
    reason: AesEnvelopeDto,
    now = new Date(),
  ): Promise<AppointmentEntity> {
    const { appointment, access } = target;
    if (!access.isClient && !access.isAssigned) {
      throw new ForbiddenException('Only the client and her counsellor cancel a date.');
    }
    const state = roomState(appointment, now);
    if (
      (appointment.status !== 'proposed' && appointment.status !== 'accepted') ||
      state === 'ended'
    ) {
      throw new ConflictException('This date can no longer be cancelled.');
    }
    const changes: Partial<AppointmentEntity> = {
      status: 'cancelled',
      cancelledAt: now,
      cancelledBy: caller.id,
      cancelledByRole: caller.role,
      cancelReason: JSON.stringify(reason),
    };
    const updated = await this.appointments.update(
      { id: appointment.id, status: appointment.status },
      changes,
    );
    if (!updated.affected) {
      throw new ConflictException('This date has just changed; please reload.');
    }
    if (access.isAssigned) {
      this.notices.notify(access.conversation, now);
    }
    return this.announceOne(appointment, changes, 'cancelled');
  }

  /**
   * The counsellor opens the room, from ten minutes before the start until the end of an
   * accepted date. Opening an open room again changes nothing.
   */
  async open(target: AppointmentAccess, now = new Date()): Promise<AppointmentEntity> {
    const { appointment, access } = target;
    if (!access.isAssigned) {
      throw new ForbiddenException('Only her counsellor opens the chat room.');
    }
    const state = roomState(appointment, now);
    if (state === 'open') {
      return appointment;
    }
    if (state !== 'openable') {
      throw new ConflictException(
        state === 'ended'
          ? 'This chat has ended.'
          : `The room opens ${ROOM_OPENS_MINUTES_BEFORE} minutes before an accepted date.`,
      );
    }
    await this.appointments
      .createQueryBuilder()
      .update()
      .set({ roomOpenedAt: now })
      .where('id = :id AND room_opened_at IS NULL', { id: appointment.id })
      .execute();
    const stored = await this.appointments.findOneByOrFail({ id: appointment.id });
    if (stored.roomOpenedAt?.getTime() === now.getTime()) {
      this.events.changed(stored, 'opened');
    }
    return stored;
  }

  /** The counsellor ends the chat for both. */
  async end(appointment: AppointmentEntity, now = new Date()): Promise<AppointmentEntity> {
    await this.appointments
      .createQueryBuilder()
      .update()
      .set({ endedAt: now })
      .where('id = :id AND ended_at IS NULL', { id: appointment.id })
      .execute();
    const stored = await this.appointments.findOneByOrFail({ id: appointment.id });
    if (stored.endedAt?.getTime() === now.getTime()) {
      this.events.changed(stored, 'ended');
    }
    return stored;
  }

  /**
   * The accepted appointment of a conversation whose room may be used now: opened, or (for the
   * counsellor to open) within ten minutes of its start; the earliest if several.
   */
  async current(conversationId: string, now = new Date()): Promise<AppointmentEntity | null> {
    return usableNow(await this.candidates([conversationId], now), now);
  }

  /**
   * {@link current} in two steps, for the chat's messages of one moment: the appointments of the
   * conversations are read at once (one query on SQLite), up to `latest`, the latest of their
   * times; the function this resolves with answers `current` for each conversation at its time.
   */
  async loadCurrent(
    conversationIds: string[],
    latest: Date,
  ): Promise<(conversationId: string, now: Date) => AppointmentEntity | null> {
    const candidates = await this.candidates([...new Set(conversationIds)], latest);
    return (conversationId, now) =>
      usableNow(
        candidates.filter((row) => row.conversationId === conversationId),
        now,
      );
  }

  /**
   * The accepted, unended appointments of the conversations that start by ten minutes after
   * `now`, earliest first. Hand-written: every chat event asks this (the query builder would
   * cost more than the query); the ids go in as one JSON array, one statement for all.
   */
  private async candidates(conversationIds: string[], now: Date): Promise<AppointmentEntity[]> {
    const opensBy = now.getTime() + ROOM_OPENS_MINUTES_BEFORE * 60_000;
    const p = (index: number) => this.dataSource.driver.createParameter(`p${index}`, index);
    const where = `AND status = 'accepted' AND ended_at IS NULL AND starts_at <= ${p(1)} `;
    if (conversationIds.length > 1) {
      const rows: AppointmentRow[] = await this.dataSource.query(
        `SELECT ${APPOINTMENT_COLUMNS} FROM appointment ` +
          `WHERE conversation_id IN (${jsonArrayValues(this.dataSource, 0)}) ${where}` +
          'ORDER BY starts_at, id',
        [JSON.stringify(conversationIds), opensBy],
      );
      return rows.map(fromRow);
    }
    const found: AppointmentEntity[] = [];
    for (const conversationId of conversationIds) {
      const rows: AppointmentRow[] = await this.dataSource.query(
        `SELECT ${APPOINTMENT_COLUMNS} FROM appointment WHERE conversation_id = ${p(0)} ${where}` +
          'ORDER BY starts_at, id',
        [conversationId, opensBy],
      );
      found.push(...rows.map(fromRow));
    }
    return found;
  }

  /** A calendar file only for an accepted date, for the two who meet. */
  assertCalendar(target: AppointmentAccess): void {
    if (!target.access.isClient && !target.access.isAssigned) {
      throw new ForbiddenException('Only the client and her counsellor meet at this date.');
    }
    if (target.appointment.status !== 'accepted') {
      throw new ConflictException('Only an accepted date can go into a calendar.');
    }
  }

  private startOf(slot: AppointmentSlotDto, now: Date): Date {
    let start: Date;
    try {
      start = parseCentreTime(slot.startsAt, this.settings.timeZone);
    } catch (error) {
      if (error instanceof CentreTimeError) {
        throw new BadRequestException(error.message);
      }
      throw error;
    }
    if (start.getTime() <= now.getTime()) {
      throw new BadRequestException('startsAt must be in the future');
    }
    if (start.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
      throw new BadRequestException(`startsAt must be within ${MAX_DAYS_AHEAD} days`);
    }
    return start;
  }

  private assertProposed(appointment: AppointmentEntity): void {
    if (appointment.status !== 'proposed') {
      throw new ConflictException('This date is no longer open.');
    }
  }

  private announceOne(
    appointment: AppointmentEntity,
    changes: Partial<AppointmentEntity>,
    change: AppointmentChange,
  ): AppointmentEntity {
    const updated = { ...appointment, ...changes };
    this.events.changed(updated, change);
    return updated;
  }

  private announce(
    rows: AppointmentEntity[],
    changes: Partial<AppointmentEntity>,
    change: AppointmentChange,
  ): void {
    rows.forEach((row) => this.announceOne(row, changes, change));
  }
}

/** The earliest of a conversation's accepted, unended appointments whose room may be used now. */
function usableNow(candidates: AppointmentEntity[], now: Date): AppointmentEntity | null {
  const opensBy = now.getTime() + ROOM_OPENS_MINUTES_BEFORE * 60_000;
  return (
    candidates.find((row) => {
      const state = roomState(row, now);
      return row.startsAt.getTime() <= opensBy && (state === 'open' || state === 'openable');
    }) ?? null
  );
}
