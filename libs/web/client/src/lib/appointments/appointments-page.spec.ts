import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppointmentResponse } from '@confidant/shared/api-interfaces';
import { Appointments, ChatConnection } from '@confidant/web/conversation';
import { AppointmentsPage } from './appointments-page';

function appointment(overrides: Partial<AppointmentResponse> = {}): AppointmentResponse {
  return {
    id: 'a1',
    conversationId: 'c1',
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

describe('AppointmentsPage', () => {
  let api: { mine: jest.Mock; accept: jest.Mock; decline: jest.Mock };
  let fixture: ComponentFixture<AppointmentsPage>;
  let page: HTMLElement;

  /** Resolves when the page shows what the (mocked) server answered last. */
  async function rendered(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  /** After an answer the page reads the list again: resolves when it shows that read's answer. */
  async function reread(): Promise<void> {
    while (api.mine.mock.results.length < 2) {
      await Promise.resolve();
    }
    await api.mine.mock.results[1].value;
    await rendered();
  }

  async function render(...answers: AppointmentResponse[][]): Promise<void> {
    api = { mine: jest.fn(), accept: jest.fn(), decline: jest.fn() };
    answers.forEach((answer) => api.mine.mockResolvedValueOnce(answer));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: Appointments, useValue: api },
        {
          provide: ChatConnection,
          useValue: { listen: () => () => undefined, emit: jest.fn(), notify: jest.fn() },
        },
      ],
    });
    fixture = TestBed.createComponent(AppointmentsPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await rendered();
  }

  const button = (name: string) =>
    [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  const state = () => page.querySelector('.state')?.textContent?.trim();

  it('lets her accept a proposed date here, says so, and shows the agreed date', async () => {
    await render([appointment()], [appointment({ status: 'accepted' })]);
    expect(state()).toBe('Vorgeschlagen');
    let answer: (value: AppointmentResponse) => void = () => undefined;
    api.accept.mockReturnValue(new Promise((resolve) => (answer = resolve)));

    button('Termin annehmen')?.click();
    fixture.detectChanges();
    // Busy: a second tap cannot send it twice.
    expect(button('Termin annehmen')?.disabled).toBe(true);
    answer(appointment({ status: 'accepted' }));
    await reread();

    expect(api.accept).toHaveBeenCalledWith('a1');
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Sie haben den Termin angenommen.',
    );
    expect(state()).toBe('Vereinbart');
    expect(button('Termin annehmen')).toBeUndefined();
  });

  it('lets her decline, and tells her when the date changed meanwhile', async () => {
    await render([appointment()], [appointment({ status: 'cancelled' })]);
    api.decline.mockRejectedValue(new HttpErrorResponse({ status: 409 }));

    button('Ablehnen')?.click();
    await reread();

    expect(api.decline).toHaveBeenCalledWith('a1');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Der Termin hat sich inzwischen geändert.',
    );
    expect(page.querySelector('[role="status"]')?.textContent?.trim()).toBe('');
    expect(button('Ablehnen')).toBeUndefined();
  });
});
