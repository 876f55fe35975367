import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthApi } from './portal-routes';
import { SESSION_HINT_META, SessionStore } from './session-store';

describe('SessionStore and the page hint', () => {
  function hint(content: string): void {
    const meta = document.createElement('meta');
    meta.name = SESSION_HINT_META;
    meta.content = content;
    document.head.append(meta);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  afterEach(() => document.querySelector(`meta[name="${SESSION_HINT_META}"]`)?.remove());

  it('asks nothing when the server said the browser has no session', async () => {
    hint('none');

    expect(await TestBed.inject(SessionStore).whenKnown()).toBe('anonymous');
    TestBed.inject(HttpTestingController).verify();
  });

  it('asks for the session when the server said there is one', async () => {
    hint('present');
    const known = TestBed.inject(SessionStore).whenKnown();

    TestBed.inject(HttpTestingController).expectOne(AuthApi.status).flush({ session: null });

    expect(await known).toBe('anonymous');
  });
});
