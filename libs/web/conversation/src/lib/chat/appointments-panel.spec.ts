import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppointmentResponse, ChatEvents } from '@confidant/shared/api-interfaces';
import { Appointments } from './appointments';
import { AppointmentsPanel } from './appointments-panel';
import { ChatConnection, ChatListener } from './chat-connection';

const CONVERSATION = 'c1';
const KEY = {} as CryptoKey;

function appointment(overrides: Partial<AppointmentResponse> = {}): AppointmentResponse {
  return {
    id: 'a1',
    conversationId: CONVERSATION,
    proposalId: 'p1',
    startsAt: '2026-12-04T13:30:00.000Z',
    endsAt: '2026-12-04T14:30:00.000Z',
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    localStart: '2026-12-04T14:30',
    localEnd: '2026-12-04T15:30',
    status: 'proposed',
    proposedBy: 'berg',
    proposedAt: '2026-11-27T10:00:00.000Z',
    respondedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelledByRole: null,
    cancelReason: null,
    roomOpensAt: '2026-12-04T13:20:00.000Z',
    roomOpenedAt: null,
    endedAt: null,
    room: 'closed',
    ...overrides,
  };
}

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => setTimeout(done, 0));
    await fixture.whenStable();
  }
}

describe('AppointmentsPanel', () => {
  let listener: ChatListener;
  let api: Record<string, jest.Mock>;
  let fixture: ComponentFixture<AppointmentsPanel>;
  let page: HTMLElement;

  async function render(audience: 'client' | 'staff', list: AppointmentResponse[]) {
    api = {
      forConversation: jest.fn().mockResolvedValue(list),
      accept: jest.fn(),
      decline: jest.fn(),
      cancel: jest.fn(),
      propose: jest.fn(),
      open: jest.fn(),
      cancelReason: jest.fn().mockResolvedValue('Ich bin krank'),
      calendarUrl: jest.fn((id: string) => `/api/appointments/${id}/calendar.ics`),
    };
    const connection = {
      listen: (l: ChatListener) => {
        listener = l;
        return () => undefined;
      },
      emit: jest.fn(async (event: string) =>
        event === ChatEvents.watch ? { ok: true, appointments: list } : { ok: true },
      ),
      notify: jest.fn(),
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: Appointments, useValue: api },
        { provide: ChatConnection, useValue: connection },
      ],
    });
    fixture = TestBed.createComponent(AppointmentsPanel);
    fixture.componentRef.setInput('conversationId', CONVERSATION);
    fixture.componentRef.setInput('conversationKey', KEY);
    fixture.componentRef.setInput('audience', audience);
    fixture.componentRef.setInput('canManage', audience === 'staff');
    fixture.componentRef.setInput('roomLink', '/nachrichten/c1/chat');
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  const button = (name: string) =>
    [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as
      | HTMLButtonElement
      | undefined;

  it('shows her a proposal in the centre time and lets her accept it', async () => {
    await render('client', [appointment()]);
    expect(page.querySelector('[data-testid="appointment"]')?.textContent).toContain(
      'Freitag, 4. Dezember 2026, 14:30–15:30 Uhr (deutsche Zeit)',
    );
    api['accept'].mockResolvedValue(appointment({ status: 'accepted' }));
    button('Termin annehmen')?.click();
    await settle(fixture);
    expect(api['accept']).toHaveBeenCalledWith('a1');
    expect(page.querySelector('[data-testid="appointment-state"]')?.textContent?.trim()).toBe(
      'Vereinbart',
    );
    // The calendar file comes with its warning.
    expect(page.textContent).toContain('Einen Kalendereintrag können andere sehen');
  });

  it('tells her live when her counsellor waits in the room', async () => {
    await render('client', [appointment({ status: 'accepted' })]);
    expect(page.querySelector('[data-testid="counsellor-waiting"]')).toBeNull();
    listener.appointment?.(appointment({ status: 'accepted', room: 'open' }));
    await settle(fixture);
    expect(page.querySelector('[data-testid="counsellor-waiting"]')?.textContent).toContain(
      'Ihre Beraterin wartet im Chatraum.',
    );
    expect(page.querySelector('a[href="/nachrichten/c1/chat"]')?.textContent).toContain(
      'Chatraum betreten',
    );
  });

  it('cancels only with a reason, which goes to the encryption', async () => {
    await render('client', [appointment({ status: 'accepted' })]);
    button('Absagen')?.click();
    await settle(fixture);
    button('Termin absagen')?.click();
    await settle(fixture);
    expect(api['cancel']).not.toHaveBeenCalled();
    expect(page.textContent).toContain('Bitte nennen Sie kurz einen Grund.');

    const reason = page.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = 'Ich bin krank';
    reason.dispatchEvent(new Event('input'));
    api['cancel'].mockResolvedValue(
      appointment({
        status: 'cancelled',
        cancelledBy: 'client',
        cancelledByRole: 'client',
        cancelReason: { v: 1, iv: 'i', ct: 'c' },
      }),
    );
    button('Termin absagen')?.click();
    await settle(fixture);
    expect(api['cancel']).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'a1' }),
      KEY,
      'Ich bin krank',
    );
    expect(page.textContent).toContain('Abgesagt von der Klientin: „Ich bin krank“');
  });

  it('lets the counsellor propose a date with an alternative, and explains a refused one', async () => {
    await render('staff', []);
    const fill = (id: string, value: string) => {
      const field = page.querySelector(`#${id}`) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    };
    button('Vorschlagen')?.click();
    await settle(fixture);
    expect(api['propose']).not.toHaveBeenCalled();
    expect(page.textContent).toContain('Bitte wählen Sie Datum und Uhrzeit');

    fill('slot-date-0', '2026-12-04');
    fill('slot-time-0', '14:30');
    button('Weiteren Termin zur Auswahl')?.click();
    await settle(fixture);
    fill('slot-date-1', '2026-12-05');
    fill('slot-time-1', '10:00');
    api['propose'].mockRejectedValue(new HttpErrorResponse({ status: 400 }));
    button('Vorschlagen')?.click();
    await settle(fixture);
    expect(api['propose']).toHaveBeenCalledWith(CONVERSATION, [
      { startsAt: '2026-12-04T14:30', durationMinutes: 60 },
      { startsAt: '2026-12-05T10:00', durationMinutes: 60 },
    ]);
    expect(page.textContent).toContain('Bitte wählen Sie Datum und Uhrzeit in der Zukunft.');

    api['propose'].mockResolvedValue([appointment(), appointment({ id: 'a2' })]);
    button('Vorschlagen')?.click();
    await settle(fixture);
    expect(page.querySelectorAll('[data-testid="appointment"]')).toHaveLength(2);
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Der Vorschlag ist gesendet',
    );
    // The server cannot know yet whether a notice goes out (no e-mail, one within the hour, a
    // mail server that is down): the counsellor is not told that one was sent.
    expect(page.querySelector('[role="status"]')?.textContent).not.toContain('bekommt eine');
    expect(page.querySelector('[role="status"]')?.textContent).toContain('Hat die Klientin');
  });
});
