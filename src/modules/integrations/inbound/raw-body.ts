import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pipeline, Transform } from 'node:stream';

/** Route flag (Fastify route config) asking for the exact body bytes: `@KeepRawBody()`. */
interface RawBodyRouteConfig {
  rawBody?: boolean;
}

const RAW_BODY = Symbol('cornerstone:raw-body');

type RequestWithRawBody = FastifyRequest & { [RAW_BODY]?: Buffer[] };

/**
 * Marks a route whose handler needs the body exactly as sent (a signature covers those bytes; JSON
 * parsed and re-serialized would not verify). The body is still parsed as usual, under the usual
 * limits; read the bytes with `rawBodyOf(request)`.
 */
export const KeepRawBody = (): MethodDecorator => RouteConfig({ rawBody: true } satisfies RawBodyRouteConfig);

/** The bytes of the body of a `@KeepRawBody()` route (empty without a body). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  const chunks = (request as RequestWithRawBody)[RAW_BODY];
  if (!chunks) throw new Error('rawBodyOf: the route is not marked @KeepRawBody()');
  return Buffer.concat(chunks);
}

/**
 * Copies the body bytes of the routes marked `@KeepRawBody()` as Fastify's own JSON parser reads them
 * (so its limits and errors stay in force), and only of those: every other route passes through
 * untouched. Fastify hooks apply to routes registered before them, until the server is ready.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if ((request.routeOptions.config as RawBodyRouteConfig).rawBody !== true) return payload;
      const chunks: Buffer[] = [];
      (request as RequestWithRawBody)[RAW_BODY] = chunks;
      const copy = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback(null, chunk);
        },
      });
      // An error of the request stream (client gone) reaches the parser through `copy`.
      return pipeline(payload, copy, () => undefined);
    });
  }
}
