export * from './naming/snake-naming.strategy';
export * from './entities/audited.entity';
export * from './entities/audit-columns.subscriber';
export * from './entities/soft-delete';
export * from './data-source.options';
export * from './migrations/run-migrations';
export * from './embedded/embedded-postgres';
export * from './embedded/free-port';
