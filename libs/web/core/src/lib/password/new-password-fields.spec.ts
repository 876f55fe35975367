import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NewPasswordFields, newPasswordGroup } from './new-password-fields';
import { PasswordStrength, StrengthCheckState } from './password-strength';

@Component({
  imports: [NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cf-new-password [group]="group" />`,
})
class Host {
  readonly group = newPasswordGroup();
}

describe('NewPasswordFields', () => {
  const state = signal<StrengthCheckState>('idle');
  const preload = jest.fn();

  beforeEach(() => {
    state.set('idle');
    preload.mockClear();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: PasswordStrength,
          useValue: {
            state,
            preload,
            estimate: async () => ({ score: 4, warning: '', suggestions: [] }),
          },
        },
      ],
    });
  });

  it('asks for the dictionaries only after the form is on the page, in a task of its own', async () => {
    const fixture = TestBed.createComponent(Host);
    expect(preload).not.toHaveBeenCalled();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('input[type=password]')).not.toBeNull();
    expect(preload).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve));
    expect(preload).toHaveBeenCalledTimes(1);
  });

  it('says in the polite live region while the check loads, and when it could not load', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const region = fixture.nativeElement.querySelector('#new-password-strength') as HTMLElement;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent?.trim()).toBe('');

    state.set('loading');
    await fixture.whenStable();
    expect(region.textContent).toContain('Die Passwortprüfung wird geladen');

    state.set('failed');
    await fixture.whenStable();
    expect(region.textContent).toContain('konnte nicht geladen werden');

    state.set('ready');
    await fixture.whenStable();
    expect(region.textContent?.trim()).toBe('');
  });
});
