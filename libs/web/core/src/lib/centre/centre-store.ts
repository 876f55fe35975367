import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { apiPath, ApiRoutes, CentreResponse } from '@confidant/shared/api-interfaces';

/** Used by quick exit when the centre's own neutral page is not known (yet). */
export const FALLBACK_EXIT_URL = 'https://www.wetter.com/';

/** The centre's public settings, loaded once per page load. */
@Injectable({ providedIn: 'root' })
export class CentreStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<CentreResponse | undefined>(undefined);
  private loading = false;

  /** Undefined until loaded; the shell renders without name and phone until then. */
  readonly centre = this.state.asReadonly();

  load(): void {
    if (this.loading || this.state()) {
      return;
    }
    this.loading = true;
    this.http.get<CentreResponse>(apiPath(ApiRoutes.centre)).subscribe({
      next: (centre) => this.state.set(centre),
      error: () => (this.loading = false),
    });
  }

  exitUrl(): string {
    return this.state()?.exitUrl ?? FALLBACK_EXIT_URL;
  }
}
