import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CENTRE_META, CentreStore, FALLBACK_EXIT_URL } from './centre-store';

describe('CentreStore', () => {
  const centre = {
    name: 'Frauenberatung "Nord" & Süd',
    phone: '030 1234',
    responseDays: 2,
    retentionMonths: 6,
    exitUrl: 'https://neutral.example/',
    topics: ['Gewalt'],
    teamPublicKey: null,
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  afterEach(() => document.querySelector(`meta[name="${CENTRE_META}"]`)?.remove());

  it('reads the settings the server put into the page, without a request', () => {
    const meta = document.createElement('meta');
    meta.name = CENTRE_META;
    meta.content = JSON.stringify(centre);
    document.head.append(meta);
    const store = TestBed.inject(CentreStore);

    store.load();

    expect(store.centre()).toEqual(centre);
    expect(store.exitUrl()).toBe('https://neutral.example/');
    TestBed.inject(HttpTestingController).verify();
  });

  it('fetches them once when the page has none', () => {
    const store = TestBed.inject(CentreStore);
    expect(store.exitUrl()).toBe(FALLBACK_EXIT_URL);

    store.load();
    store.load();
    TestBed.inject(HttpTestingController).expectOne('/api/centre').flush(centre);

    expect(store.centre()?.name).toBe(centre.name);
  });
});
