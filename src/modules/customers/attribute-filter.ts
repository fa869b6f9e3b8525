import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ATTRIBUTE_KEY_PATTERN } from '@libs/core';

const PREFIX = 'attr.';
const MAX_FILTERS = 10;
const MAX_VALUE_LENGTH = 200;

/**
 * Gathers the `attr.<key>=<value>` query parameters into one `attr` object before validation, so the
 * list DTO can declare them (unknown query parameters are refused globally) and check the keys.
 */
@Injectable()
export class AttributeFilterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown>;
    const keys = Object.keys(query).filter((key) => key.startsWith(PREFIX));
    if (keys.length > 0) {
      const rest = Object.fromEntries(Object.entries(query).filter(([key]) => !key.startsWith(PREFIX)));
      request.query = {
        ...rest,
        attr: Object.fromEntries(keys.map((key) => [key.slice(PREFIX.length), query[key]])),
      };
    }
    return next.handle();
  }
}

function attributeFilterProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be given as attr.<key>=<value>';
  const entries = Object.entries(value);
  if (entries.length > MAX_FILTERS) return `accepts at most ${MAX_FILTERS} attr.<key> filters`;
  for (const [key, filter] of entries) {
    if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
      return `key "${key.slice(0, 70)}" must start with a letter and contain only letters, digits and _ (at most 64)`;
    }
    if (typeof filter !== 'string' || filter.length > MAX_VALUE_LENGTH) {
      return `attr.${key} must be given once, with at most ${MAX_VALUE_LENGTH} characters`;
    }
  }
  return null;
}

/** class-validator decorator for the gathered `attr` object (error code `invalid_attribute_filter`). */
export function IsAttributeFilter(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'invalidAttributeFilter',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }: ValidationArguments) =>
          `${property} ${attributeFilterProblem(value) ?? 'is invalid'}`,
      },
      validator: { validate: (value: unknown) => attributeFilterProblem(value) === null },
    });
  };
}

/**
 * The JSON values an `attr.<key>=<value>` filter matches: the string itself, and the JSON scalar it
 * spells (`true`, `42`, `null`), since query strings cannot say which one the client meant.
 */
export function attributeFilterCandidates(key: string, value: string): Array<Record<string, unknown>> {
  const candidates: Array<Record<string, unknown>> = [{ [key]: value }];
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed === 'number' || typeof parsed === 'boolean') {
      candidates.push({ [key]: parsed });
    }
  } catch {
    // not a JSON scalar: the string only
  }
  return candidates;
}
