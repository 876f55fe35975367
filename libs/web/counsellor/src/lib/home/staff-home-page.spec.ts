import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { Component, computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AccountResponse, ConversationSummary } from '@confidant/shared/api-interfaces';
import { CentreStore, ConversationApi, SessionStore } from '@confidant/web/core';
import { StaffHomePage } from './staff-home-page';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function summary(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    topic: null,
    state: 'waiting-for-counsellor',
    counsellorName: null,
    counsellorId: null,
    createdAt: ago(10),
    lastMessageAt: ago(10),
    clientWaitingSince: null,
    unread: 0,
    clientKeyChanged: false,
    ...overrides,
  };
}

@Component({ template: '' })
class ConversationStub {}

async function nextRequest(http: HttpTestingController, url: string) {
  for (let i = 0; i < 400; i++) {
    const found = http.match((request) => request.url === url);
    if (found.length > 0) {
      return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No request to ${url}`);
}

/** All requests to `url` once `count` of them are open. */
async function requests(http: HttpTestingController, url: string, count: number) {
  const found: TestRequest[] = [];
  for (let i = 0; i < 400 && found.length < count; i++) {
    found.push(...http.match((request) => request.url === url));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (found.length < count) {
    throw new Error(`Only ${found.length} requests to ${url}`);
  }
  return found;
}

/** Lets the awaited HTTP answers run through the component before looking at the page. */
async function settle(fixture: ComponentFixture<unknown>) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

describe('StaffHomePage', () => {
  let http: HttpTestingController;

  async function render(role: 'counsellor' | 'lead', granted: boolean) {
    const hasTeamKey = signal(granted);
    const account = signal<AccountResponse>({
      id: 'me',
      username: 'berg',
      role,
      displayName: 'Frau Berg',
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: true,
    });
    // The session check on arrival finds the grant a lead has given meanwhile.
    let answer: () => void = () => undefined;
    const stayLoggedIn = jest.fn(
      () =>
        new Promise<void>((done) => {
          answer = () => {
            hasTeamKey.set(true);
            done();
          };
        }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'beratung/gespraech/:id', component: ConversationStub }]),
        {
          provide: SessionStore,
          useValue: {
            account,
            hasTeamKey: computed(() => hasTeamKey()),
            stayLoggedIn,
            onWipe: () => () => undefined,
          },
        },
        {
          provide: CentreStore,
          useValue: { centre: signal({ responseDays: 2 }), load: jest.fn() },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(StaffHomePage);
    const page = fixture.nativeElement as HTMLElement;
    return { fixture, page, stayLoggedIn, answer: () => answer() };
  }

  async function answerLists(
    fixture: ComponentFixture<StaffHomePage>,
    queue: ConversationSummary[] | null,
    mine: ConversationSummary[],
  ) {
    await settle(fixture);
    if (queue) {
      (await nextRequest(http, ConversationApi.queue)).flush(queue);
    }
    const list = await nextRequest(http, ConversationApi.conversations);
    expect(list.request.params.has('all')).toBe(false);
    list.flush(mine);
    await settle(fixture);
  }

  function section(page: HTMLElement, testId: string): HTMLElement {
    const found = page.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (!found) {
      throw new Error(`no ${testId}`);
    }
    return found;
  }

  function items(within: HTMLElement): HTMLElement[] {
    return [...within.querySelectorAll<HTMLElement>('li')];
  }

  function button(within: HTMLElement, label: string): HTMLButtonElement | undefined {
    return [...within.querySelectorAll('button')].find(
      (candidate) => candidate.textContent?.trim() === label,
    );
  }

  function radio(page: HTMLElement, label: string): HTMLInputElement {
    const option = [...page.querySelectorAll('mat-radio-button')].find(
      (candidate) => candidate.textContent?.trim() === label,
    );
    const input = option?.querySelector<HTMLInputElement>('input[type="radio"]');
    if (!input) {
      throw new Error(`no radio ${label}`);
    }
    return input;
  }

  afterEach(() => http.verify());

  it('tells a counsellor without the team key that she cannot read yet, until the check finds it', async () => {
    const { fixture, page, stayLoggedIn, answer } = await render('counsellor', false);
    await answerLists(fixture, null, []);
    expect(page.querySelector('h1')?.textContent).toContain('Willkommen, Frau Berg');
    expect(page.textContent).toContain('(Beraterin)');
    expect(page.querySelector('[data-testid="team-key-status"]')?.textContent?.trim()).toBe(
      'Sie können noch keine Nachrichten lesen, bis eine Leitung Ihnen den Teamschlüssel freigibt.',
    );
    // No queue that would only ever look empty.
    expect(page.querySelector('[data-testid="queue"]')).toBeNull();
    expect(page.querySelector('a[href="/team"]')).toBeNull();
    expect(page.querySelector('a[href="/statistik"]')).toBeNull();

    expect(stayLoggedIn).toHaveBeenCalled();
    answer();
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="team-key-status"]')?.textContent).toContain(
      'Sie haben den Teamschlüssel.',
    );
    // With the key, the queue appears and is fetched.
    (await nextRequest(http, ConversationApi.queue)).flush([]);
    await settle(fixture);
    expect(section(page, 'queue').textContent).toContain('Im Moment wartet keine neue Anfrage.');
  });

  it('shows a lead the way to team administration and statistics', async () => {
    const { fixture, page } = await render('lead', true);
    await answerLists(fixture, [], []);
    expect(page.textContent).toContain('(Leitung)');
    expect(page.querySelector('a[href="/team"]')?.textContent).toContain('Team verwalten');
    expect(page.querySelector('a[href="/statistik"]')?.textContent).toContain('Statistik ansehen');
  });

  it('lists the queue oldest first, with waiting time and the promise', async () => {
    const { fixture, page } = await render('counsellor', true);
    await answerLists(
      fixture,
      [
        summary({ id: 'new', topic: 'Trennung', createdAt: ago(5), clientWaitingSince: ago(5) }),
        summary({ id: 'old', createdAt: ago(50), clientWaitingSince: ago(50) }),
      ],
      [],
    );

    const queue = section(page, 'queue');
    expect(queue.querySelector('h2')?.textContent?.trim()).toBe('Neue Anfragen');
    const [first, second] = items(queue);
    expect(first.querySelector('h3')?.textContent).toContain('Anfrage vom');
    expect(first.querySelector('a')?.getAttribute('href')).toBe('/beratung/gespraech/old');
    expect(first.querySelector('[data-testid="waiting"]')?.textContent).toBe('wartet seit 2 Tagen');
    expect(first.querySelector('[data-testid="promise"]')?.textContent).toBe(
      'Antwortzusage überschritten',
    );
    expect(second.querySelector('h3')?.textContent?.trim()).toBe('Trennung');
    expect(second.querySelector('[data-testid="waiting"]')?.textContent).toBe(
      'wartet seit 5 Stunden',
    );
    expect(second.querySelector('[data-testid="promise"]')?.getAttribute('data-status')).toBe(
      'within',
    );
    expect(button(first, 'Übernehmen')?.getAttribute('aria-describedby')).toBe('queue-old');
  });

  it('takes an enquiry over and opens it', async () => {
    const { fixture, page } = await render('counsellor', true);
    await answerLists(fixture, [summary({ id: 'q1', topic: 'Gewalt' })], []);

    button(section(page, 'queue'), 'Übernehmen')?.click();
    const assign = await nextRequest(http, ConversationApi.assign('q1'));
    expect(assign.request.method).toBe('POST');
    expect(assign.request.body).toEqual({});
    assign.flush(summary({ id: 'q1', counsellorId: 'me' }));
    await settle(fixture);

    expect(TestBed.inject(Router).url).toBe('/beratung/gespraech/q1');
  });

  it('tells her plainly when a colleague was faster, and fetches the queue again', async () => {
    const { fixture, page } = await render('counsellor', true);
    await answerLists(
      fixture,
      [summary({ id: 'q1', topic: 'Gewalt' }), summary({ id: 'q2', topic: 'Sorgen' })],
      [],
    );

    button(items(section(page, 'queue'))[0], 'Übernehmen')?.click();
    (await nextRequest(http, ConversationApi.assign('q1'))).flush(
      { message: 'taken' },
      { status: 409, statusText: 'Conflict' },
    );
    (await nextRequest(http, ConversationApi.queue)).flush([
      summary({ id: 'q2', topic: 'Sorgen' }),
    ]);
    await settle(fixture);

    const queue = section(page, 'queue');
    expect(queue.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Eine Kollegin hat diese Anfrage gerade übernommen.',
    );
    expect(items(queue).map((item) => item.querySelector('h3')?.textContent?.trim())).toEqual([
      'Sorgen',
    ]);
    expect(document.activeElement).toBe(queue.querySelector('h2'));
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('sorts her conversations by waiting time and filters them by state', async () => {
    const { fixture, page } = await render('counsellor', true);
    await answerLists(
      fixture,
      [],
      [
        summary({
          id: 'answered',
          topic: 'Beantwortet',
          state: 'waiting-for-client',
          counsellorId: 'me',
          lastMessageAt: ago(1),
        }),
        summary({
          id: 'recent',
          topic: 'Wartet kurz',
          counsellorId: 'me',
          clientWaitingSince: ago(3),
          unread: 2,
        }),
        summary({
          id: 'long',
          topic: 'Wartet lange',
          counsellorId: 'me',
          clientWaitingSince: ago(30),
          clientKeyChanged: true,
        }),
        summary({ id: 'done', topic: 'Erledigt', state: 'closed', counsellorId: 'me' }),
      ],
    );
    const mine = section(page, 'mine');
    const titles = () => items(mine).map((item) => item.querySelector('h3')?.textContent?.trim());

    expect(mine.querySelector('h2')?.textContent?.trim()).toBe('Meine Beratungen');
    expect(mine.querySelector('[role="radiogroup"]')?.getAttribute('aria-labelledby')).toBe(
      'mine-filter-label',
    );
    // Open ones by default: whoever waits longest first, then the rest.
    expect(titles()).toEqual(['Wartet lange', 'Wartet kurz', 'Beantwortet']);
    const [long, recent, answered] = items(mine);
    expect(long.querySelector('[data-testid="promise"]')?.textContent).toBe(
      'Antwortzusage läuft bald ab',
    );
    expect(long.querySelector('[data-testid="key-changed"]')).not.toBeNull();
    expect(recent.querySelector('[data-testid="unread"]')?.textContent).toBe('2 neue Nachrichten');
    expect(answered.querySelector('[data-testid="conversation-state"]')?.textContent).toBe(
      'Beantwortet',
    );
    expect(answered.querySelector('[data-testid="waiting"]')).toBeNull();
    expect(section(page, 'mine-count').textContent?.trim()).toBe('3 Beratungen');

    radio(page, 'Wartet auf die Klientin').click();
    await fixture.whenStable();
    expect(titles()).toEqual(['Beantwortet']);

    radio(page, 'Wartet auf mich').click();
    await fixture.whenStable();
    expect(titles()).toEqual(['Wartet lange', 'Wartet kurz']);

    radio(page, 'Abgeschlossen').click();
    await fixture.whenStable();
    expect(titles()).toEqual(['Erledigt']);
    expect(section(page, 'mine-count').textContent?.trim()).toBe('1 Beratung');
    // Only a lead sees every conversation of the centre.
    expect(page.textContent).not.toContain('Alle Beratungen');
  });

  it('lets a lead show every conversation of the centre, with who has it', async () => {
    const { fixture, page } = await render('lead', true);
    await answerLists(fixture, [], []);
    expect(section(page, 'mine-empty').textContent).toContain('keine offenen Beratungen');

    radio(page, 'Alle Beratungen').click();
    await fixture.whenStable();
    // Her own list is fetched along with the centre's.
    const [own, all] = await requests(http, ConversationApi.conversations, 2);
    expect(own.request.params.has('all')).toBe(false);
    expect(all.request.params.get('all')).toBe('true');
    own.flush([]);
    all.flush([
      summary({ id: 'x', topic: 'Bei Frau Sommer', counsellorId: 'c2', counsellorName: 'Sommer' }),
      summary({ id: 'y', topic: 'In der Warteschlange' }),
    ]);
    await settle(fixture);

    const mine = section(page, 'mine');
    expect(items(mine).map((item) => item.textContent)).toEqual([
      expect.stringContaining('Beraterin: Sommer'),
      expect.stringContaining('Noch nicht übernommen'),
    ]);
  });

  it('fetches the session and both lists again on request', async () => {
    const { fixture, page, stayLoggedIn, answer } = await render('counsellor', true);
    await answerLists(fixture, [], []);
    answer();
    await fixture.whenStable();

    button(page, 'Aktualisieren')?.click();
    await fixture.whenStable();
    expect(stayLoggedIn).toHaveBeenCalledTimes(2);
    (await nextRequest(http, ConversationApi.queue)).flush([summary({ id: 'q9', topic: 'Neu' })]);
    (await nextRequest(http, ConversationApi.conversations)).flush([]);
    answer();
    await settle(fixture);

    expect(section(page, 'queue').textContent).toContain('Neu');
    expect(page.textContent).toContain('Der Stand ist aktualisiert.');
  });
});
