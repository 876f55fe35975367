import { LocationStrategy } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideClientHydration } from '@angular/platform-browser';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withEnabledBlockingInitialNavigation,
  withInMemoryScrolling,
} from '@angular/router';
import { sessionInterceptor, NeutralLocationStrategy } from '@confidant/web/core';
import { appRoutes } from './app.routes';
import { NeutralTitleStrategy } from './layout/neutral-title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // The landing page arrives prerendered: the app adopts its DOM instead of rendering it again.
    // (Event replay stays off: it needs an inline script, and the CSP allows none.)
    provideClientHydration(),
    provideHttpClient(withFetch(), withInterceptors([sessionInterceptor])),
    provideRouter(
      appRoutes,
      withEnabledBlockingInitialNavigation(),
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    { provide: LocationStrategy, useClass: NeutralLocationStrategy },
    { provide: TitleStrategy, useExisting: NeutralTitleStrategy },
  ],
};
