import { ChangeDetectionStrategy, Component, computed, inject, input, Signal } from '@angular/core';
import { MAX_MESSAGE_BYTES } from '@confidant/shared/api-interfaces';
import { Catalog, I18n } from '@confidant/web/core';
import {
  MAX_MESSAGE_CHARACTERS,
  messageFits,
  MessageLength,
  messageLength,
  messagePlaintextBytes,
} from './message-limit';

export interface ComposerLimitText {
  numberLocale: string;
  /** Near the limit: "19.412 / 20.000 Zeichen" (numbers already formatted). */
  counter: (count: string, max: string) => string;
  /** Over the limit: the counter and what to do. */
  tooLong: (count: string, max: string) => string;
  /** Within the characters but too large once encrypted (control characters). */
  tooLarge: (kilobytes: string, max: string) => string;
  /** Said once a text that was too long fits again. */
  fitsAgain: string;
}

export const COMPOSER_LIMIT_TEXT: Catalog<ComposerLimitText> = {
  de: {
    numberLocale: 'de-DE',
    counter: (count, max) => `${count} / ${max} Zeichen`,
    tooLong: (count, max) => `${count} / ${max} Zeichen – bitte kürzen`,
    tooLarge: (kilobytes, max) =>
      `Verschlüsselt zu groß (${kilobytes} von ${max} KB) – bitte kürzen`,
    fitsAgain: 'Die Länge passt wieder.',
  },
  en: {
    numberLocale: 'en-GB',
    counter: (count, max) => `${count} / ${max} characters`,
    tooLong: (count, max) => `${count} / ${max} characters – please shorten it`,
    tooLarge: (kilobytes, max) =>
      `Too large once encrypted (${kilobytes} of ${max} KB) – please shorten it`,
    fitsAgain: 'The length fits again.',
  },
};

/**
 * The length rule of one composer (the thread's, the chat room's, the new enquiry's): every
 * message goes through the same API check (`MAX_MESSAGE_BYTES`, over HTTP and over the chat
 * socket alike), so every composer refuses with the same counter and never cuts a text
 * (no `maxlength`). Make it with {@link composerLimit} in a component's injection context.
 */
export class ComposerLimit {
  /** The text's length class (see {@link messageLength}). */
  readonly length: Signal<MessageLength>;
  /** Whether the text may be sent as far as its length goes. */
  readonly fits: Signal<boolean>;
  /** What the counter near the field says; empty while the text is well within the limit. */
  readonly counter: Signal<string>;

  constructor(
    private readonly text: Signal<string>,
    private readonly words: Signal<ComposerLimitText>,
  ) {
    this.length = computed(() => messageLength(this.text()));
    this.fits = computed(() => messageFits(this.length()));
    const numbers = computed(() => new Intl.NumberFormat(this.words().numberLocale));
    this.counter = computed(() => {
      const words = this.words();
      const format = (count: number) => numbers().format(count);
      const draft = this.text();
      switch (this.length()) {
        case 'fits':
          return '';
        case 'near':
          return words.counter(format(draft.length), format(MAX_MESSAGE_CHARACTERS));
        case 'too-long':
          return words.tooLong(format(draft.length), format(MAX_MESSAGE_CHARACTERS));
        case 'too-large':
          return words.tooLarge(
            format(Math.ceil(messagePlaintextBytes(draft) / 1024)),
            format(MAX_MESSAGE_BYTES / 1024),
          );
      }
    });
  }

  /**
   * What a polite live region says after the text changed from the length class `before`: once
   * when the counter appears, when the text becomes too long, and when it fits again; null when
   * nothing changed that she needs to hear (so typing does not chatter).
   */
  changedFrom(before: MessageLength): string | null {
    const after = this.length();
    if (after === before || (after === 'fits' && before === 'near')) {
      return null;
    }
    return messageFits(after) && !messageFits(before) ? this.words().fitsAgain : this.counter();
  }
}

/** The {@link ComposerLimit} of a composer's text, in the current language. */
export function composerLimit(text: Signal<string>): ComposerLimit {
  return new ComposerLimit(text, inject(I18n).select(COMPOSER_LIMIT_TEXT));
}

/**
 * The counter under a composer's field: shown from 19 000 characters on, marked when the text
 * does not fit. Give it the id that the field and the send button name in `aria-describedby`.
 */
@Component({
  selector: 'cf-composer-counter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (limit().counter(); as counter) {
      <p
        [id]="counterId()"
        class="counter"
        [class.over]="!limit().fits()"
        data-testid="composer-counter"
      >
        {{ counter }}
      </p>
    }
  `,
  styles: `
    :host {
      display: contents;
    }

    .counter {
      margin: 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .counter.over {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class ComposerCounter {
  readonly limit = input.required<ComposerLimit>();
  readonly counterId = input.required<string>();
}
