import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy } from '@angular/router';

/**
 * The one title of every page, the same as `index.html`'s and in every language: the browser's
 * global history keeps the title of its one URL (see `NeutralLocationStrategy`), and a tab bar or
 * a history list on a shared phone shows nothing more than this neutral name.
 */
export const NEUTRAL_TITLE = 'Online-Beratung';

/** Keeps the document at {@link NEUTRAL_TITLE}, whichever page the router shows. */
@Injectable({ providedIn: 'root' })
export class NeutralTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(): void {
    if (this.title.getTitle() !== NEUTRAL_TITLE) {
      this.title.setTitle(NEUTRAL_TITLE);
    }
  }
}
