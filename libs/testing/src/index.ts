export * from './test-database-name';
export * from './test-cluster';
export * from './test-database';
