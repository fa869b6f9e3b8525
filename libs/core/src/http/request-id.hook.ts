import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '../context/request-id';

/** Echoes the request id on every response, errors and unknown routes included. */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
