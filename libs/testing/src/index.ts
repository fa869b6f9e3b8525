export * from './test-database-name';
export * from './test-cluster';
export * from './test-database';
export * from './error-thrown-by';
