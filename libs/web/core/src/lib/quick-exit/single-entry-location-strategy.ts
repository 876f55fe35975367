import { Injectable } from '@angular/core';
import { PathLocationStrategy } from '@angular/common';

/**
 * Keeps the whole portal at a single entry of the browser history: navigation inside the app
 * replaces the current entry instead of adding one. The history then shows no trail of the pages
 * she opened, and quick exit, which replaces that one entry, leaves nothing to go Back to.
 */
@Injectable()
export class SingleEntryLocationStrategy extends PathLocationStrategy {
  override pushState(state: unknown, title: string, url: string, queryParams: string): void {
    this.replaceState(state, title, url, queryParams);
  }
}
