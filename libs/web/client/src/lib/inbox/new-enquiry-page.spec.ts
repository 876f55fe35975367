import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Conversations } from '@confidant/web/conversation';
import { CentreStore, Drafts, I18n, SessionStore } from '@confidant/web/core';
import { NewEnquiryPage } from './new-enquiry-page';

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => setTimeout(done, 0));
    await fixture.whenStable();
  }
}

describe('NewEnquiryPage', () => {
  let fixture: ComponentFixture<NewEnquiryPage>;
  let page: HTMLElement;
  let prepareEnquiry: jest.Mock;
  let createEnquiry: jest.Mock;

  beforeEach(async () => {
    prepareEnquiry = jest.fn(async (_team: string, text: string) => ({ body: { text } }));
    createEnquiry = jest.fn(async () => ({ conversation: { id: 'c1' } }));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionStore, useValue: { onWipe: () => () => undefined } },
        { provide: Conversations, useValue: { prepareEnquiry, createEnquiry } },
        {
          provide: CentreStore,
          useValue: {
            centre: signal({ topics: [], teamPublicKey: 'team', responseDays: 3, phone: null }),
            refresh: jest.fn(),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(NewEnquiryPage);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  const textarea = () => page.querySelector('textarea') as HTMLTextAreaElement;
  const send = () => page.querySelector('form button[type="submit"]') as HTMLButtonElement;
  const counter = () => page.querySelector('[data-testid="composer-counter"]');
  const announced = () =>
    page.querySelector('[data-testid="enquiry-announcer"]')?.textContent?.trim() ?? '';

  async function type(text: string): Promise<void> {
    textarea().value = text;
    textarea().dispatchEvent(new Event('input'));
    await settle(fixture);
  }

  it('refuses a 70 000-character enquiry with the counter, keeps every character and sends nothing', async () => {
    expect(textarea().hasAttribute('maxlength')).toBe(false);
    expect(counter()).toBeNull();

    await type('a'.repeat(19_500));
    expect(counter()?.textContent?.trim()).toBe('19.500 / 20.000 Zeichen');
    expect(announced()).toBe('19.500 / 20.000 Zeichen');
    expect(send().getAttribute('aria-disabled')).toBeNull();

    const pasted = `${'Lang. '.repeat(11_666)}Ende`;
    expect(pasted).toHaveLength(70_000);
    await type(pasted);
    const refusal = '70.000 / 20.000 Zeichen – bitte kürzen';
    expect(counter()?.textContent?.trim()).toBe(refusal);
    expect(announced()).toBe(refusal);
    expect(page.querySelector('[data-testid="enquiry-announcer"]')?.getAttribute('role')).toBe(
      'status',
    );
    expect(textarea().getAttribute('aria-invalid')).toBe('true');
    expect(textarea().getAttribute('aria-describedby')?.split(' ')).toContain(counter()?.id);
    // The button stays focusable and says why it does not send.
    expect(send().getAttribute('aria-disabled')).toBe('true');
    expect(send().hasAttribute('disabled')).toBe(false);
    expect(send().getAttribute('aria-describedby')).toBe(counter()?.id);

    send().focus();
    send().click();
    await settle(fixture);
    expect(prepareEnquiry).not.toHaveBeenCalled();
    expect(createEnquiry).not.toHaveBeenCalled();
    expect(textarea().value).toBe(pasted);
    expect(TestBed.inject(Drafts).text('new-enquiry')).toBe(pasted);
    expect(document.activeElement).toBe(textarea());

    await type('Kurz gefasst.');
    expect(counter()).toBeNull();
    expect(announced()).toBe('Die Länge passt wieder.');
    expect(send().getAttribute('aria-disabled')).toBeNull();
    expect(send().getAttribute('aria-describedby')).toBeNull();
    send().click();
    await settle(fixture);
    expect(prepareEnquiry).toHaveBeenCalledWith('team', 'Kurz gefasst.', null);
    expect(createEnquiry).toHaveBeenCalledTimes(1);
    expect(page.querySelector('h1')?.textContent).toBe('Ihre Anfrage ist angekommen');
  });

  it('refuses a shorter text that would be too large once encrypted', async () => {
    await type('\u0001'.repeat(15_000));
    expect(counter()?.textContent?.trim()).toBe(
      'Verschlüsselt zu groß (88 von 64 KB) – bitte kürzen',
    );
    send().click();
    await settle(fixture);
    expect(prepareEnquiry).not.toHaveBeenCalled();
  });

  it('says that the draft lasts only while she stays in the portal, in German and English', async () => {
    const hint = () => page.querySelector('#enquiry-hint')?.textContent?.trim();
    expect(textarea().getAttribute('aria-describedby')).toContain('enquiry-hint');
    expect(hint()).toBe(
      'Ihr Entwurf bleibt erhalten, solange Sie im Portal bleiben. Beim Neuladen, Verlassen oder Schließen der Seite und beim Abmelden geht er verloren.',
    );
    TestBed.inject(I18n).use('en');
    await settle(fixture);
    expect(hint()).toBe(
      'Your draft is kept while you stay in the portal. It is lost when you reload, leave or close the page, and when you log out.',
    );
    TestBed.inject(I18n).use('de');
  });
});
