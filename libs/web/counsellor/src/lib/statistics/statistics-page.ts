import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { StatisticsResponse } from '@confidant/shared/api-interfaces';
import { Conversations } from '@confidant/web/conversation';
import { I18n, StaffRoutes } from '@confidant/web/core';
import { STATISTICS_TEXT } from './statistics.text';

/** One row of the table, formatted for the current language. */
interface MonthRow {
  month: string;
  label: string;
  enquiries: string;
  answered: string;
  median: string | null;
  withinPromise: string;
}

/** Up to 48 hours in hours, beyond in days: "5,5 Std.", "2,3 Tage". */
const HOURS_SHOWN = 48;

/**
 * Anonymous statistics for leads: per month the enquiries, how many were answered, the median time
 * to the first answer, and the share of all enquiries answered within the centre's promise.
 */
@Component({
  selector: 'cf-statistics-page',
  imports: [RouterLink, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      <p class="links">
        <a [routerLink]="['/', routes.home]">{{ text().back }}</a>
      </p>
      <p>{{ text().intro }}</p>
      @if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="load()">{{ text().tryAgain }}</button>
        </p>
      } @else if (rows(); as rows) {
        @if (rows.length === 0) {
          <p class="notice" data-testid="statistics-empty">{{ text().empty }}</p>
        } @else {
          <div class="scroll" role="region" aria-labelledby="statistics-caption" tabindex="0">
            <table data-testid="statistics">
              <caption id="statistics-caption">
                {{
                  text().caption
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ text().month }}</th>
                  <th scope="col" class="number">{{ text().enquiries }}</th>
                  <th scope="col" class="number">{{ text().answered }}</th>
                  <th scope="col" class="number">{{ text().median }}</th>
                  <th scope="col" class="number">{{ text().withinPromise }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of rows; track row.month) {
                  <tr [attr.data-month]="row.month">
                    <th scope="row">{{ row.label }}</th>
                    <td class="number">{{ row.enquiries }}</td>
                    <td class="number">{{ row.answered }}</td>
                    <td class="number">
                      @if (row.median; as median) {
                        {{ median }}
                      } @else {
                        <span aria-hidden="true">–</span>
                        <span class="visually-hidden">{{ text().noAnswer }}</span>
                      }
                    </td>
                    <td class="number">{{ row.withinPromise }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @for (note of text().notes; track $index) {
            <p class="note">{{ note }}</p>
          }
        }
      } @else {
        <p>{{ text().loading }}</p>
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .page {
      max-width: 720px;
    }

    .links {
      margin-top: 0;
    }

    .scroll {
      overflow-x: auto;
      margin-top: 16px;
    }

    .scroll:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }

    table {
      border-collapse: collapse;
      width: 100%;
      font: var(--mat-sys-body-large);
    }

    caption {
      font: var(--mat-sys-title-medium);
      text-align: start;
      padding-bottom: 8px;
    }

    th,
    td {
      padding: 8px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
      vertical-align: top;
    }

    thead th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      vertical-align: bottom;
    }

    tbody th {
      font-weight: 500;
      white-space: nowrap;
    }

    .number {
      text-align: end;
    }

    td.number {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    .note {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class StatisticsPage implements OnInit {
  private readonly api = inject(Conversations);

  protected readonly text = inject(I18n).select(STATISTICS_TEXT);
  protected readonly routes = StaffRoutes;
  protected readonly failed = signal(false);
  private readonly statistics = signal<StatisticsResponse | null>(null);
  protected readonly rows = computed<MonthRow[] | null>(() => {
    const statistics = this.statistics();
    if (!statistics) {
      return null;
    }
    const text = this.text();
    const whole = new Intl.NumberFormat(text.locale);
    const oneDecimal = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(text.locale, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    const monthFormat = new Intl.DateTimeFormat(text.locale, {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    return [...statistics.months]
      .sort((a, b) => b.month.localeCompare(a.month))
      .map((month) => ({
        month: month.month,
        label: monthLabel(month.month, monthFormat),
        enquiries: whole.format(month.enquiries),
        answered: whole.format(month.answered),
        median:
          month.medianFirstAnswerHours === null
            ? null
            : month.medianFirstAnswerHours <= HOURS_SHOWN
              ? text.hours(oneDecimal.format(month.medianFirstAnswerHours))
              : text.days(oneDecimal.format(month.medianFirstAnswerHours / 24)),
        withinPromise:
          month.enquiries > 0
            ? text.share(
                percent.format(month.answeredWithinPromise / month.enquiries),
                month.answeredWithinPromise,
                month.enquiries,
              )
            : '–',
      }));
  });

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.failed.set(false);
    try {
      this.statistics.set(await this.api.statistics());
    } catch {
      this.failed.set(true);
    }
  }
}

/** "2026-11" as "November 2026"; anything else as it came. */
function monthLabel(month: string, format: Intl.DateTimeFormat): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match
    ? format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)))
    : month;
}
