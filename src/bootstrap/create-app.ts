import helmet from '@fastify/helmet';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { captureClientIp, echoRequestId, requestIdOf } from '@libs/core';
import { AppModule } from '../app.module';
import { appConfig } from '../config';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { packageVersion } from './package-version';

export const API_PREFIX = 'api/v1';
/** Probes stay at the root, where orchestrators expect them. */
export const API_PREFIX_OPTIONS = { exclude: ['health/live', 'health/ready'] };

/**
 * Builds the fully configured application (not listening yet): the one way the app is assembled, by
 * `main.ts` and by the e2e tests alike, so tests exercise exactly what runs in production.
 */
export interface CreateAppOptions {
  version?: string;
  /** Modules mounted beside AppModule; tests use it for test-only controllers. */
  extraModules?: Type<unknown>[];
}

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = appConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (raw: IncomingMessage) => requestIdOf(raw),
    // Requests may be retried by clients that reuse connections: keep-alive beyond typical LB idle.
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    trustProxy: config.trustProxy,
  });
  const root = options.extraModules?.length
    ? { module: AppModule, imports: options.extraModules }
    : AppModule;
  // The API speaks JSON only: Fastify's own JSON parser stays, every other body type is 415.
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  echoRequestId(fastify);
  captureClientIp(fastify);
  await app.register(helmet, {
    // Swagger UI needs its inline bootstrap script and styles; the API itself only returns JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    exposedHeaders: ['x-request-id', 'etag'],
  });
  app.setGlobalPrefix(API_PREFIX, API_PREFIX_OPTIONS);

  serveOpenApi(app, buildOpenApiDocument(app, options.version ?? packageVersion()));
  return app;
}
