import { TestBed } from '@angular/core/testing';
import { PasswordStrength } from './password-strength';

describe('PasswordStrength', () => {
  it('loads nothing until asked, tells while it loads, then scores with the dictionaries', async () => {
    const strength = TestBed.inject(PasswordStrength);
    expect(strength.state()).toBe('idle');

    strength.preload();
    expect(strength.state()).toBe('loading');

    const common = await strength.estimate('passwort123', 'de');
    expect(strength.state()).toBe('ready');
    expect(common.score).toBeLessThan(3);
    const strong = await strength.estimate('Tulpe-Fahrrad-k3x9q-Wolkenkratzer', 'de');
    expect(strong.score).toBeGreaterThanOrEqual(3);
  });
});
