import { HttpErrorResponse, HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { API_PREFIX } from '@confidant/shared/api-interfaces';
import { CREDENTIAL_CALLS } from './portal-routes';
import { SessionStore } from './session-store';

/**
 * Keeps the app's idle clock in step with the server's (every answer to an authenticated call
 * restarts both), and sends her to the login page when the server says the session is gone:
 * a 401 from any call except those where 401 means "wrong credentials".
 */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(`/${API_PREFIX}/`)) {
    return next(request);
  }
  const session = inject(SessionStore);
  const path = request.url.split('?')[0];
  return next(request).pipe(
    tap({
      next: (event) => {
        if (event instanceof HttpResponse) {
          session.noteActivity(path);
        }
      },
      error: (error: unknown) => {
        if (
          error instanceof HttpErrorResponse &&
          error.status === 401 &&
          !CREDENTIAL_CALLS.includes(path)
        ) {
          session.endedByServer();
        }
      },
    }),
  );
};
