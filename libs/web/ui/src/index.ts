export * from './lib/icon/icon';
export * from './lib/icon/icons';
