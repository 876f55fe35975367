import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENTRE_META, FALLBACK_EXIT_URL } from '../centre/centre-store';
import {
  QUICK_EXIT_HANDOVER_EVENT,
  QUICK_EXIT_KEY_WINDOW_MS,
  QUICK_EXIT_MARKER,
} from './quick-exit';

const SCRIPT = readFileSync(join(__dirname, 'quick-exit-before-boot.js'), 'utf8');

/**
 * The script that serves quick exit before the app has started, run in jsdom as the browser runs
 * it (a classic deferred script, after the page is parsed). jsdom cannot navigate, so the script
 * gets the real document through a proxy whose `location.replace` is watched.
 */
describe('quick exit before the app has started', () => {
  let replace: jest.Mock;
  let now: number;

  function runScript(): void {
    const watched = new Proxy(document, {
      get(target, property) {
        if (property === 'location') {
          return { replace };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set: (target, property, value) => Reflect.set(target, property, value, target),
    });
    new Function('document', SCRIPT)(watched);
  }

  function ownButton(): HTMLButtonElement | null {
    return document.querySelector<HTMLButtonElement>('#cf-quick-exit-before-boot');
  }

  function escape(repeat = false): void {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', repeat, bubbles: true }));
  }

  function withCentre(exitUrl: string): void {
    const meta = document.createElement('meta');
    meta.name = CENTRE_META;
    meta.content = JSON.stringify({ name: 'Beratung', exitUrl });
    document.head.append(meta);
  }

  beforeEach(() => {
    replace = jest.fn();
    now = 10_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    document.head.innerHTML = '';
    document.body.innerHTML = '<cf-root></cf-root>';
    document.title = 'Beratung';
  });

  afterEach(() => {
    // Hand over, so that the listeners of one test do not answer in the next.
    document.dispatchEvent(new Event(QUICK_EXIT_HANDOVER_EVENT));
    jest.restoreAllMocks();
  });

  it('adds a button to an empty page shell that blanks the page and replaces it with the neutral one', () => {
    withCentre('https://neutral.example/wetter');
    runScript();

    const button = ownButton();
    expect(button?.textContent).toBe('Seite schnell verlassen');
    expect(button?.getAttribute('aria-describedby')).toBe('cf-quick-exit-before-boot-hint');
    expect(document.getElementById('cf-quick-exit-before-boot-hint')?.textContent).toBe(
      'Oder zweimal die Esc-Taste drücken.',
    );
    // First in the page, so it is the first thing the keyboard reaches.
    expect(document.body.firstElementChild?.contains(button ?? null)).toBe(true);

    button?.click();

    expect(replace).toHaveBeenCalledWith('https://neutral.example/wetter');
    expect(document.body.childElementCount).toBe(0);
    expect(document.title).toBe('');
  });

  it("activates the prerendered page's own button instead of adding one", () => {
    withCentre('https://neutral.example/');
    document.body.innerHTML = `<cf-root><header><button ${QUICK_EXIT_MARKER}><span>Seite schnell verlassen</span></button></header></cf-root>`;
    runScript();

    expect(ownButton()).toBeNull();
    document.querySelector('span')?.click();

    expect(replace).toHaveBeenCalledWith('https://neutral.example/');
  });

  it('leaves on Escape pressed twice quickly, not once, slowly or held down', () => {
    withCentre('https://neutral.example/');
    runScript();

    escape();
    now += QUICK_EXIT_KEY_WINDOW_MS + 1;
    escape();
    now += 10;
    escape(true);
    expect(replace).not.toHaveBeenCalled();

    now += 200;
    escape();
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('goes to the fallback when the page carries no usable neutral URL', () => {
    withCentre('javascript:alert(1)');
    runScript();

    ownButton()?.click();

    expect(replace).toHaveBeenCalledWith(FALLBACK_EXIT_URL);
  });

  it('steps back when the app takes over: its button goes, clicks and Escape are left to the app', () => {
    withCentre('https://neutral.example/');
    runScript();
    const button = ownButton();

    document.dispatchEvent(new Event(QUICK_EXIT_HANDOVER_EVENT));

    expect(ownButton()).toBeNull();
    document.body.innerHTML = `<cf-root><button ${QUICK_EXIT_MARKER}>Seite schnell verlassen</button></cf-root>`;
    document.querySelector('button')?.click();
    button?.click();
    escape();
    now += 100;
    escape();
    expect(replace).not.toHaveBeenCalled();
    expect(document.body.childElementCount).toBe(1);
  });
});
