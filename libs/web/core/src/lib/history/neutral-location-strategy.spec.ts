import {
  APP_BASE_HREF,
  BrowserPlatformLocation,
  Location,
  LocationStrategy,
  PlatformLocation,
} from '@angular/common';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, provideRouter, Router } from '@angular/router';
import { NeutralLocationStrategy } from './neutral-location-strategy';

@Component({ template: '' })
class Page {}

/** Starts the router as the app does, on the real (jsdom) history, from the given address. */
async function startAt(address: string): Promise<Router> {
  window.history.replaceState(null, '', address);
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: '', component: Page },
        { path: 'passwort-neu', component: Page },
        { path: 'nachrichten', component: Page },
        { path: 'nachrichten/:id', component: Page },
      ]),
      { provide: LocationStrategy, useClass: NeutralLocationStrategy },
      // The browser's own history (jsdom's), not the testing module's mock.
      { provide: PlatformLocation, useClass: BrowserPlatformLocation },
      // What index.html's <base href="/"> gives the app.
      { provide: APP_BASE_HREF, useValue: '/' },
    ],
  });
  const router = TestBed.inject(Router);
  await router.navigateByUrl(TestBed.inject(Location).path(true));
  return router;
}

describe('NeutralLocationStrategy', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('opens an entry link with its token and shows only the neutral start in the address bar', async () => {
    const historyLength = window.history.length;
    const router = await startAt('/passwort-neu#secret-token');

    expect(router.url).toBe('/passwort-neu#secret-token');
    expect(router.routerState.snapshot.root.firstChild?.fragment).toBe('secret-token');
    expect(window.location.href).toBe(`${window.location.origin}/`);
    expect(window.history.length).toBe(historyLength);
  });

  it('moves between pages in memory while the address bar and the history stay at one entry', async () => {
    const router = await startAt('/');
    const historyLength = window.history.length;

    await router.navigateByUrl('/nachrichten');
    await router.navigate(['/nachrichten', 'abc'], { queryParams: { seite: 2 } });

    expect(router.url).toBe('/nachrichten/abc?seite=2');
    expect(TestBed.inject(Location).path()).toBe('/nachrichten/abc?seite=2');
    expect(TestBed.inject(ActivatedRoute).snapshot.firstChild?.paramMap.get('id')).toBe('abc');
    expect(window.location.href).toBe(`${window.location.origin}/`);
    expect(window.history.length).toBe(historyLength);
  });

  it('keeps links real, so that they still read as links to the page they open', async () => {
    await startAt('/');

    expect(TestBed.inject(LocationStrategy).prepareExternalUrl('/nachrichten')).toBe(
      '/nachrichten',
    );
  });
});
