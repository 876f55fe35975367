import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import {
  APPOINTMENT_MINUTES,
  AppointmentResponse,
  ChatAck,
  ChatEvents,
  ChatWatching,
  DEFAULT_CENTRE_TIME_ZONE,
  MAX_APPOINTMENT_OPTIONS,
  Roles,
} from '@confidant/shared/api-interfaces';
import { I18n } from '@confidant/web/core';
import { Audience } from '../thread/thread.text';
import { formatAppointment, zoneName } from './appointment-format';
import { Appointments } from './appointments';
import { APPOINTMENTS_TEXT } from './appointments.text';
import { ChatConnection } from './chat-connection';

interface SlotForm {
  date: string;
  time: string;
  duration: number;
}

const DURATIONS = [30, 45, 60, 90].filter(
  (minutes) => minutes >= APPOINTMENT_MINUTES.min && minutes <= APPOINTMENT_MINUTES.max,
);

/**
 * The chat appointments of one conversation, in the conversation's page. Her counsellor proposes
 * dates; she accepts one or declines; either cancels with a short, encrypted reason. Changes
 * arrive live over the chat connection (`watch`), so she sees at once when her counsellor is
 * waiting in the chat room.
 */
@Component({
  selector: 'cf-appointments-panel',
  imports: [MatButton, MatAnchor, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './appointments-panel.html',
  styleUrl: './appointments-panel.scss',
})
export class AppointmentsPanel {
  private readonly appointments = inject(Appointments);
  private readonly connection = inject(ChatConnection);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  readonly conversationId = input.required<string>();
  readonly conversationKey = input<CryptoKey | null>(null);
  readonly audience = input<Audience>('client');
  /** The assigned counsellor: she proposes, opens the room and cancels. */
  readonly canManage = input(false);
  /** Absolute path of this conversation's chat room page. */
  readonly roomLink = input.required<string>();

  protected readonly text = this.i18n.select(APPOINTMENTS_TEXT);
  protected readonly durations = DURATIONS;
  protected readonly maxSlots = MAX_APPOINTMENT_OPTIONS;
  protected readonly list = signal<AppointmentResponse[]>([]);
  protected readonly reasons = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly status = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly cancelling = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonMissing = signal(false);
  protected readonly slots = signal<SlotForm[]>([{ date: '', time: '', duration: 60 }]);
  protected readonly slotsInvalid = signal(false);
  protected readonly zone = computed(() =>
    zoneName(this.list()[0]?.timeZone ?? DEFAULT_CENTRE_TIME_ZONE, this.i18n.language()),
  );
  /** Appointments that still matter first: open or agreed, then the rest. */
  protected readonly sorted = computed(() =>
    [...this.list()].sort((a, b) => rank(a) - rank(b) || a.startsAt.localeCompare(b.startsAt)),
  );

  constructor() {
    effect(() => {
      const id = this.conversationId();
      untracked(() => void this.watch(id));
    });
    effect(() => {
      const key = this.conversationKey();
      const list = this.list();
      untracked(() => void this.openReasons(list, key));
    });
    const stop = this.connection.listen({
      appointment: (appointment) => {
        if (appointment.conversationId === this.conversationId()) {
          this.upsert(appointment);
        }
      },
      reconnected: () => void this.watch(this.conversationId()),
    });
    inject(DestroyRef).onDestroy(() => {
      stop();
      void this.connection.notify(ChatEvents.unwatch, { conversationId: this.conversationId() });
    });
  }

  protected when(appointment: AppointmentResponse): string {
    return formatAppointment(appointment, this.i18n.language());
  }

  protected isOver(appointment: AppointmentResponse): boolean {
    return appointment.room === 'ended';
  }

  /** "Abgesagt von der Klientin: „…“", with the reason once it is decrypted. */
  protected cancelLine(appointment: AppointmentResponse): string {
    const by =
      appointment.cancelledByRole === Roles.client
        ? this.text().cancelledBy.client
        : this.text().cancelledBy.staff;
    const reason = this.reasons().get(appointment.id);
    return reason ? this.text().withReason(by, reason) : by;
  }

  protected calendarUrl(appointment: AppointmentResponse): string {
    return this.appointments.calendarUrl(appointment.id);
  }

  protected async accept(appointment: AppointmentResponse): Promise<void> {
    await this.run(() => this.appointments.accept(appointment.id), this.text().accepted);
  }

  protected async decline(appointment: AppointmentResponse): Promise<void> {
    await this.run(() => this.appointments.decline(appointment.id), this.text().declined);
  }

  protected async openRoom(appointment: AppointmentResponse): Promise<void> {
    if (appointment.room === 'openable') {
      const opened = await this.run(() => this.appointments.open(appointment.id), null);
      if (!opened) {
        return;
      }
    }
    await this.router.navigateByUrl(this.roomLink());
  }

  protected startCancel(appointment: AppointmentResponse): void {
    this.cancelling.set(appointment.id);
    this.reason.set('');
    this.reasonMissing.set(false);
  }

  protected stopCancel(): void {
    this.cancelling.set(null);
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
    this.reasonMissing.set(false);
  }

  protected async confirmCancel(appointment: AppointmentResponse): Promise<void> {
    const reason = this.reason().trim();
    const key = this.conversationKey();
    if (!reason) {
      this.reasonMissing.set(true);
      return;
    }
    if (!key) {
      return;
    }
    const done = await this.run(
      () => this.appointments.cancel(appointment, key, reason),
      this.text().cancelled,
    );
    if (done) {
      this.cancelling.set(null);
    }
  }

  protected onSlot(index: number, field: keyof SlotForm, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.slots.update((slots) =>
      slots.map((slot, i) =>
        i === index ? { ...slot, [field]: field === 'duration' ? Number(value) : value } : slot,
      ),
    );
    this.slotsInvalid.set(false);
  }

  protected addSlot(): void {
    this.slots.update((slots) => [...slots, { date: '', time: '', duration: slots[0].duration }]);
  }

  protected removeSlot(index: number): void {
    this.slots.update((slots) => slots.filter((_, i) => i !== index));
  }

  protected async propose(): Promise<void> {
    const slots = this.slots();
    if (slots.some((slot) => !slot.date || !slot.time)) {
      this.slotsInvalid.set(true);
      return;
    }
    const done = await this.run(
      () =>
        this.appointments.propose(
          this.conversationId(),
          slots.map((slot) => ({
            startsAt: `${slot.date}T${slot.time}`,
            durationMinutes: slot.duration,
          })),
        ),
      this.text().proposed,
    );
    if (done) {
      this.slots.set([{ date: '', time: '', duration: slots[0].duration }]);
    }
  }

  /** Runs an action; the answer updates the list. Returns whether it worked. */
  private async run(
    action: () => Promise<AppointmentResponse | AppointmentResponse[]>,
    success: string | null,
  ): Promise<boolean> {
    this.busy.set(true);
    this.status.set(null);
    this.problem.set(null);
    try {
      const result = await action();
      (Array.isArray(result) ? result : [result]).forEach((a) => this.upsert(a));
      this.status.set(success);
      return true;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 400) {
        this.slotsInvalid.set(true);
      } else if (error instanceof HttpErrorResponse && error.status === 409) {
        this.problem.set(this.text().conflict);
        await this.reload();
      } else {
        this.problem.set(this.text().failed);
      }
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private async watch(conversationId: string): Promise<void> {
    const ack: ChatAck<ChatWatching> = await this.connection.emit<ChatWatching>(ChatEvents.watch, {
      conversationId,
    });
    if (ack.ok) {
      this.list.set(ack.appointments);
    } else {
      // No live connection: the page still shows the appointments, fetched once.
      await this.reload();
    }
  }

  private async reload(): Promise<void> {
    try {
      this.list.set(await this.appointments.forConversation(this.conversationId()));
    } catch {
      // The list stays as it was.
    }
  }

  private upsert(appointment: AppointmentResponse): void {
    this.list.update((list) =>
      list.some((a) => a.id === appointment.id)
        ? list.map((a) => (a.id === appointment.id ? appointment : a))
        : [...list, appointment],
    );
  }

  private async openReasons(list: AppointmentResponse[], key: CryptoKey | null): Promise<void> {
    if (!key) {
      return;
    }
    const known = this.reasons();
    const missing = list.filter((a) => a.cancelReason && !known.has(a.id));
    if (missing.length === 0) {
      return;
    }
    const opened = await Promise.all(
      missing.map(async (a) => [a.id, await this.appointments.cancelReason(a, key)] as const),
    );
    this.reasons.update((reasons) => {
      const next = new Map(reasons);
      opened.forEach(([id, text]) => text !== null && next.set(id, text));
      return next;
    });
  }
}

function rank(appointment: AppointmentResponse): number {
  if (appointment.room === 'ended') {
    return 3;
  }
  return appointment.status === 'accepted' ? 0 : appointment.status === 'proposed' ? 1 : 2;
}
