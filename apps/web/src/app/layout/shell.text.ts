import { Catalog } from '@confidant/web/core';

export interface ShellText {
  portalName: string;
  skipToContent: string;
  switchLanguage: string;
  switchLanguageLabel: string;
  quickExit: string;
  quickExitHint: string;
  phoneLabel: string;
  promise: (days: number) => string;
  privacy: string;
  imprint: string;
  footerNavigation: string;
  titles: Record<'home' | 'privacy' | 'imprint', string>;
}

export const SHELL_TEXT: Catalog<ShellText> = {
  de: {
    portalName: 'Online-Beratung',
    skipToContent: 'Zum Inhalt springen',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    quickExit: 'Seite schnell verlassen',
    quickExitHint: 'Oder zweimal die Esc-Taste drücken.',
    phoneLabel: 'Schnelle Hilfe am Telefon:',
    promise: (days) => `Wir antworten in der Regel innerhalb von ${days} Tagen.`,
    privacy: 'Datenschutz',
    imprint: 'Impressum',
    footerNavigation: 'Rechtliches',
    titles: { home: 'Online-Beratung', privacy: 'Datenschutz', imprint: 'Impressum' },
  },
  en: {
    portalName: 'Online counselling',
    skipToContent: 'Skip to content',
    switchLanguage: 'Deutsch',
    switchLanguageLabel: 'Auf Deutsch umschalten',
    quickExit: 'Leave this site quickly',
    quickExitHint: 'Or press the Esc key twice.',
    phoneLabel: 'Quick help by phone:',
    promise: (days) => `We usually answer within ${days} days.`,
    privacy: 'Privacy',
    imprint: 'Imprint',
    footerNavigation: 'Legal',
    titles: { home: 'Online counselling', privacy: 'Privacy', imprint: 'Imprint' },
  },
};
