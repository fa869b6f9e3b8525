import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** Where the auth guard leaves the resolved principal on the request. */
export const PRINCIPAL_REQUEST_KEY = 'cornerstonePrincipal';

export type RequestWithPrincipal = FastifyRequest & { [PRINCIPAL_REQUEST_KEY]?: Principal };

/** The caller of an @Auth route (never undefined there: the guard has already refused anonymous calls). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_REQUEST_KEY];
  if (!principal) throw new Error('@CurrentPrincipal() used on a route without @Auth()');
  return principal;
});
