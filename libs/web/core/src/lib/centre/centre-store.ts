import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { apiPath, ApiRoutes, CentreResponse } from '@confidant/shared/api-interfaces';
import { firstValueFrom } from 'rxjs';

/** Used by quick exit when the centre's own neutral page is not known (yet). */
export const FALLBACK_EXIT_URL = 'https://www.wetter.com/';

/** The server puts the centre's public settings into the page in this meta element. */
export const CENTRE_META = 'confidant-centre';

/**
 * The centre's public settings: read from the page the server delivered (so that the first paint
 * already shows the name, phone number and promise), or else fetched once.
 */
@Injectable({ providedIn: 'root' })
export class CentreStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<CentreResponse | undefined>(undefined);
  private loading = false;

  /** Undefined until loaded; the shell renders without name and phone until then. */
  readonly centre = this.state.asReadonly();

  load(): void {
    if (this.loading || this.state()) {
      return;
    }
    const delivered = this.fromPage();
    if (delivered) {
      this.state.set(delivered);
      return;
    }
    this.loading = true;
    this.http.get<CentreResponse>(apiPath(ApiRoutes.centre)).subscribe({
      next: (centre) => this.state.set(centre),
      error: () => (this.loading = false),
    });
  }

  private fromPage(): CentreResponse | null {
    const content = this.document
      .querySelector(`meta[name="${CENTRE_META}"]`)
      ?.getAttribute('content');
    if (!content) {
      return null;
    }
    try {
      return JSON.parse(content) as CentreResponse;
    } catch {
      return null;
    }
  }

  /** After a lead changed the settings: the shell shows the new values at once. */
  replace(centre: CentreResponse): void {
    this.state.set(centre);
  }

  /** Asks the server again, e.g. when the page was delivered before the team key existed. */
  async refresh(): Promise<void> {
    try {
      this.state.set(
        await firstValueFrom(this.http.get<CentreResponse>(apiPath(ApiRoutes.centre))),
      );
    } catch {
      // Offline: the page keeps what it has.
    }
  }

  exitUrl(): string {
    return this.state()?.exitUrl ?? FALLBACK_EXIT_URL;
  }
}
