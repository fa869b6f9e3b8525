export * from './app.config';
export * from './database.config';
export * from './secrets.config';
export * from './jobs.config';
export * from './webhooks.config';
export * from './secret-box';
