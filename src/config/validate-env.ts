import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Validates the environment variables a config namespace reads, once at boot, against a class of
 * class-validator rules. Every problem is reported at once, by variable name, and the app refuses to start.
 */
export function validateEnv<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const values = plainToInstance(schema, env, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(values, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return values;
}
