import { TestBed } from '@angular/core/testing';
import { DOCUMENT } from '@angular/common';
import { Catalog, I18n } from './i18n';

describe('I18n', () => {
  const catalog: Catalog<{ greeting: string }> = {
    de: { greeting: 'Hallo' },
    en: { greeting: 'Hello' },
  };

  it('speaks German until English is chosen, and follows the switch', () => {
    const i18n = TestBed.inject(I18n);
    const text = i18n.select(catalog);
    expect(text().greeting).toBe('Hallo');

    i18n.use('en');

    expect(text().greeting).toBe('Hello');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });
});
