import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'cornerstone:public';

/**
 * Marks one of the few routes open without a token (health, reference data, sign-in). Every other
 * route must carry `@Auth('<permission>')`. Documented as `security: []` in the OpenAPI document.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiSecurity(PUBLIC_SECURITY_MARKER));
}

/** Placeholder requirement the OpenAPI post-processing turns into `security: []`. */
export const PUBLIC_SECURITY_MARKER = 'public';
