import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import type { RequestContextStore } from '../context/request-context';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';
import { IS_PUBLIC_KEY } from '../http/public.decorator';
import { AUTH_REQUIREMENT_KEY, type AuthRequirement } from './auth.decorator';
import { PRINCIPAL_REQUEST_KEY, type RequestWithPrincipal } from './current-principal.decorator';
import { PrincipalResolver } from './principal-resolver';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The global guard. Fails closed: a route is open only when marked @Public(); any other route needs
 * valid credentials (401 otherwise), and its @Auth permission in the active company (403 otherwise).
 * The resolved principal becomes the request context's actor and company, so repositories and audit
 * columns see it without it being passed around.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
    private readonly cls: ClsService<RequestContextStore>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const requirement =
      this.reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT_KEY, targets) ?? {};

    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer) throw unauthorized('Send credentials: Authorization: Bearer <access token or API key>');
    const principal = await this.resolver.resolve({ bearer, ip: this.cls.get('ip') });
    if (!principal) throw unauthorized('The credentials are invalid, expired or revoked');

    request[PRINCIPAL_REQUEST_KEY] = principal;
    this.cls.set('actor', { type: principal.type, id: principal.id });
    this.cls.set('companyId', principal.companyId ?? undefined);

    if (requirement.platformAdmin && !principal.isPlatformAdmin) {
      throw new AppError(403, CoreErrorCode.Forbidden, 'Only platform administrators may do this');
    }
    if (requirement.permission) {
      if (!principal.companyId) {
        throw new AppError(
          403,
          CoreErrorCode.NoActiveCompany,
          'Select a company first (POST /auth/switch-company)',
        );
      }
      if (!principal.permissions.has(requirement.permission)) {
        throw new AppError(
          403,
          CoreErrorCode.Forbidden,
          `This requires the permission ${requirement.permission}`,
          {
            extensions: { permission: requirement.permission },
          },
        );
      }
    }
    return true;
  }
}

function unauthorized(detail: string): AppError {
  return new AppError(401, CoreErrorCode.Unauthorized, detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
}
