import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FORMAT_TEXT, formatDuration, promiseStatus } from '@confidant/web/conversation';
import { I18n } from '@confidant/web/core';

/**
 * How long a client has been waiting ("wartet seit 2 Tagen") and where that stands against the
 * centre's promise to answer within `responseDays`; the promise part stays away until the centre's
 * settings are known. Its parts join the facts line of the element around it.
 */
@Component({
  selector: 'cf-waiting-marker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="waiting" data-testid="waiting">{{ format().waitingFor(duration()) }}</span>
    @if (status(); as status) {
      <span class="promise {{ status }}" data-testid="promise" [attr.data-status]="status">{{
        format().promise[status]
      }}</span>
    }
  `,
  styles: `
    :host {
      display: contents;
    }

    .promise {
      font: var(--mat-sys-label-large);
      border-radius: var(--mat-sys-corner-full);
      padding: 2px 10px;
    }

    .promise.within {
      padding: 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .promise.near {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }

    .promise.past {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class WaitingMarker {
  private readonly i18n = inject(I18n);

  /** Since when she has been waiting (ISO time). */
  readonly since = input.required<string>();
  /** The centre's promise in days; undefined while the settings are loading. */
  readonly responseDays = input<number | undefined>(undefined);

  protected readonly format = this.i18n.select(FORMAT_TEXT);
  protected readonly duration = computed(() => formatDuration(this.since(), this.i18n.language()));
  protected readonly status = computed(() => {
    const days = this.responseDays();
    return days === undefined ? null : promiseStatus(this.since(), days);
  });
}
