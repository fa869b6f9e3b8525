import type { FastifyInstance } from 'fastify';
import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContextStore } from '../context/request-context';

/**
 * Puts the client's address into the request context. Fastify's `request.ip` honours the `trustProxy`
 * setting (X-Forwarded-For only from trusted proxies), so lockouts and audit rows see the real client
 * behind a load balancer, and a client cannot spoof its address when no proxy is trusted.
 * Registered after the context middleware, whose hook runs first.
 */
export function captureClientIp(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const cls = ClsServiceManager.getClsService<RequestContextStore>();
    if (cls.isActive()) cls.set('ip', request.ip);
    done();
  });
}
