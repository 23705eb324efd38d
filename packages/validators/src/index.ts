export * from './fields';
export * from './email';
export * from './username';
export * from './auth';
export * from './outputs';
export * from './errors';
export * from './sessions';
export * from './two-factor';
