export * from './load-order/format-load-order';
export * from './load-order/read-foreign-key-graph';
export * from './load-order/table-load-order';
export * from './seeding/seed-runner';
export * from './seeding/seeder';
export * from './seeding/seeding.module';
