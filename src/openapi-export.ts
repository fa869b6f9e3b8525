import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { API_PREFIX, API_PREFIX_OPTIONS } from './bootstrap/create-app';
import { buildOpenApiDocument } from './bootstrap/openapi';
import { packageVersion } from './bootstrap/package-version';

/**
 * Writes the OpenAPI document without a database: the app is assembled in preview mode (modules and
 * routes are scanned, no provider is instantiated). Run from the build, so the Swagger CLI plugin's
 * metadata is included: `npm run openapi:export` writes `openapi.json`, which `openapi:lint` checks.
 */
async function exportOpenApi(file: string): Promise<void> {
  process.env.DATABASE_URL ??= 'postgres://preview@127.0.0.1:1/preview';
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX, API_PREFIX_OPTIONS);
  const document = buildOpenApiDocument(app, packageVersion());
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${file}\n`);
}

exportOpenApi(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
