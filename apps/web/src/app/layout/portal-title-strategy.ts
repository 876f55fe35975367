import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n } from '@confidant/web/core';
import { SHELL_TEXT, ShellText } from './shell.text';

export type PageTitle = keyof ShellText['titles'];

/**
 * Sets the document title from the route's `title` key in the current language, and again when
 * the language changes. Titles stay neutral: a glance at the tab bar shows no more than the page.
 */
@Injectable({ providedIn: 'root' })
export class PortalTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly text = inject(I18n).select(SHELL_TEXT);
  private readonly page = signal<PageTitle>('home');

  constructor() {
    super();
    effect(() => this.title.setTitle(this.text().titles[this.page()]));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.page.set((this.buildTitle(snapshot) as PageTitle | undefined) ?? 'home');
  }
}
