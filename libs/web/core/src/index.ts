export * from './lib/centre/centre-store';
export * from './lib/i18n/i18n';
export * from './lib/quick-exit/quick-exit';
export * from './lib/quick-exit/single-entry-location-strategy';
