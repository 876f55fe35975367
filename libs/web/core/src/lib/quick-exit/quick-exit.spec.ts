import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CentreStore, FALLBACK_EXIT_URL } from '../centre/centre-store';
import { QUICK_EXIT_HANDOVER_EVENT, QUICK_EXIT_KEY_WINDOW_MS, QuickExit } from './quick-exit';

describe('QuickExit', () => {
  let replace: jest.Mock;
  let quickExit: QuickExit;

  beforeEach(() => {
    replace = jest.fn();
    const realDocument = document;
    const fakeDocument = {
      get title() {
        return realDocument.title;
      },
      set title(value: string) {
        realDocument.title = value;
      },
      body: realDocument.body,
      documentElement: realDocument.documentElement,
      location: { replace },
      querySelector: () => null,
      dispatchEvent: (event: Event) => realDocument.dispatchEvent(event),
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: DOCUMENT, useValue: fakeDocument },
      ],
    });
    quickExit = TestBed.inject(QuickExit);
    document.body.innerHTML = '<p>Meine Nachricht</p>';
    document.title = 'Postfach';
  });

  it("replaces the page with the centre's neutral URL and blanks it", () => {
    TestBed.inject(CentreStore).load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/centre')
      .flush({ exitUrl: 'https://neutral.example/', topics: [] });

    quickExit.leave();

    expect(replace).toHaveBeenCalledWith('https://neutral.example/');
    expect(document.body.textContent).toBe('');
    expect(document.title).toBe('');
  });

  it('still leaves, to a neutral fallback, when the centre is not loaded', () => {
    quickExit.leave();

    expect(replace).toHaveBeenCalledWith(FALLBACK_EXIT_URL);
  });

  it('wipes what was registered before leaving, even if one wiper fails', () => {
    const secrets = new Map([['key', 'value']]);
    quickExit.onExit(() => {
      throw new Error('broken');
    });
    quickExit.onExit(() => secrets.clear());

    quickExit.leave();

    expect(secrets.size).toBe(0);
    expect(replace).toHaveBeenCalled();
  });

  it('leaves on Escape pressed twice quickly, not once or slowly', () => {
    const escape = new KeyboardEvent('keydown', { key: 'Escape' });

    expect(quickExit.handleKey(escape, 1000)).toBe(false);
    expect(quickExit.handleKey(escape, 1000 + QUICK_EXIT_KEY_WINDOW_MS + 1)).toBe(false);
    expect(replace).not.toHaveBeenCalled();

    expect(quickExit.handleKey(escape, 1000 + QUICK_EXIT_KEY_WINDOW_MS + 200)).toBe(true);
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('ignores other keys and held-down Escape', () => {
    expect(quickExit.handleKey(new KeyboardEvent('keydown', { key: 'Enter' }), 0)).toBe(false);
    quickExit.handleKey(new KeyboardEvent('keydown', { key: 'Escape' }), 0);
    expect(
      quickExit.handleKey(new KeyboardEvent('keydown', { key: 'Escape', repeat: true }), 10),
    ).toBe(false);
    expect(replace).not.toHaveBeenCalled();
  });

  it('tells the script that served quick exit before the app started to step back', () => {
    const handedOver = jest.fn();
    document.addEventListener(QUICK_EXIT_HANDOVER_EVENT, handedOver);

    quickExit.takeOver();

    expect(handedOver).toHaveBeenCalledTimes(1);
    expect(replace).not.toHaveBeenCalled();
    document.removeEventListener(QUICK_EXIT_HANDOVER_EVENT, handedOver);
  });
});
