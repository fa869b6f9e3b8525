export * from './app.config';
export * from './database.config';
export * from './secrets.config';
