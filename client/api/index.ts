export * from './client';
export * from './endpoints';
export * from './hooks';
export * from './error-text';
