import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The raw `If-Match` header of the request (undefined when absent); check it with assertIfMatch. */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return Array.isArray(header) ? header.join(',') : header;
});
