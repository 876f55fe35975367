import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Icon } from './icon';
import { lockIcon } from './icons';

@Component({
  imports: [Icon],
  template: `<button type="button"><cf-icon [svg]="lock" /> Sperren</button>`,
})
class Host {
  protected readonly lock = lockIcon;
}

describe('Icon', () => {
  it('draws the bundled SVG, hidden from screen readers', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const icon = (fixture.nativeElement as HTMLElement).querySelector('cf-icon');

    expect(icon?.getAttribute('aria-hidden')).toBe('true');
    expect(icon?.querySelector('svg path')).not.toBeNull();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('button')?.textContent?.trim(),
    ).toBe('Sperren');
  });
});
