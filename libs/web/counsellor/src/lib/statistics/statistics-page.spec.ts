import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { StatisticsResponse } from '@confidant/shared/api-interfaces';
import { ConversationApi, I18n, SessionStore } from '@confidant/web/core';
import { StatisticsPage } from './statistics-page';

async function settle(fixture: ComponentFixture<unknown>) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

/** The cells of each body row, as a sighted reader sees them (any kind of space as one space). */
function cells(page: HTMLElement): string[][] {
  return [...page.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map(
      (cell) =>
        (cell.querySelector('[aria-hidden="true"]') ?? cell).textContent
          ?.replace(/\s+/g, ' ')
          .trim() ?? '',
    ),
  );
}

describe('StatisticsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<StatisticsPage>;
  let page: HTMLElement;

  async function render(statistics: StatisticsResponse) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: SessionStore, useValue: { onWipe: () => () => undefined } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StatisticsPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const request = http.expectOne(ConversationApi.statistics);
    expect(request.request.method).toBe('GET');
    request.flush(statistics);
    await settle(fixture);
  }

  afterEach(() => http.verify());

  it('shows enquiries, answers, median and the share within the promise per month, newest first', async () => {
    await render({
      months: [
        {
          month: '2026-10',
          enquiries: 4,
          answered: 4,
          medianFirstAnswerHours: 60,
          answeredWithinPromise: 3,
        },
        {
          month: '2026-11',
          enquiries: 3,
          answered: 1,
          medianFirstAnswerHours: 5.5,
          answeredWithinPromise: 1,
        },
        {
          month: '2026-12',
          enquiries: 2,
          answered: 0,
          medianFirstAnswerHours: null,
          answeredWithinPromise: 0,
        },
      ],
    });

    const table = page.querySelector('table');
    expect(table?.querySelector('caption')?.textContent).toContain('je Monat');
    expect([...page.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual([
      'col',
      'col',
      'col',
      'col',
      'col',
    ]);
    expect(page.querySelectorAll('tbody th[scope="row"]')).toHaveLength(3);
    expect(cells(page)).toEqual([
      ['Dezember 2026', '2', '0', '–', '0 % (0 von 2)'],
      ['November 2026', '3', '1', '5,5 Std.', '33 % (1 von 3)'],
      ['Oktober 2026', '4', '4', '2,5 Tage', '75 % (3 von 4)'],
    ]);
    // A screen reader hears words, not a dash.
    expect(page.querySelector('tbody tr td:nth-child(4)')?.textContent).toContain(
      'noch keine Antwort',
    );
  });

  it('follows the language', async () => {
    await render({
      months: [
        {
          month: '2026-11',
          enquiries: 2,
          answered: 2,
          medianFirstAnswerHours: 12,
          answeredWithinPromise: 2,
        },
      ],
    });
    TestBed.inject(I18n).use('en');
    await settle(fixture);
    expect(page.querySelector('h1')?.textContent).toBe('Statistics');
    expect(cells(page)).toEqual([['November 2026', '2', '2', '12 h', '100% (2 of 2)']]);
  });

  it('says so when there is nothing to count yet', async () => {
    await render({ months: [] });
    expect(page.querySelector('table')).toBeNull();
    expect(page.querySelector('[data-testid="statistics-empty"]')?.textContent).toContain(
      'noch keine Anfragen',
    );
  });
});
