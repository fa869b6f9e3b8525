import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { CoreErrorCode } from './core-error-code';
import { type FieldError, type ProblemDetails, problemType, statusTitle } from './problem-details';

export interface ProblemAnswer {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True when the error is unexpected: log it with its stack, answer with a generic body. */
  unexpected: boolean;
}

interface ProblemParts {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  unexpected?: boolean;
}

const DEFAULT_CODE_BY_STATUS: Record<number, CoreErrorCode> = {
  400: CoreErrorCode.ValidationFailed,
  401: CoreErrorCode.Unauthorized,
  403: CoreErrorCode.Forbidden,
  404: CoreErrorCode.NotFound,
  405: CoreErrorCode.MethodNotAllowed,
  409: CoreErrorCode.UniqueViolation,
  412: CoreErrorCode.PreconditionFailed,
  413: CoreErrorCode.PayloadTooLarge,
  415: CoreErrorCode.UnsupportedMediaType,
  428: CoreErrorCode.PreconditionRequired,
  429: CoreErrorCode.RateLimited,
  503: CoreErrorCode.ServiceUnavailable,
};

/** Fastify's own errors (body parsing and limits happen before any Nest code runs). */
const FASTIFY_ERRORS: Record<string, { status: number; code: CoreErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: CoreErrorCode.PayloadTooLarge,
    detail: 'The request body is larger than the server accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: CoreErrorCode.UnsupportedMediaType,
    detail: 'This content type is not accepted; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: CoreErrorCode.MalformedBody,
    detail: 'The Content-Length header does not match the body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: CoreErrorCode.MalformedBody,
    detail: 'The body is empty but the content type is application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: CoreErrorCode.MalformedBody,
    detail: 'The body is not valid JSON',
  },
};

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `Key (company_id, sku)=(…, …) already exists.` -> the clashing fields other than the tenant. */
function fieldsOfKeyDetail(detail: string | undefined): string[] {
  const columns = /Key \((.+?)\)=\(/.exec(detail ?? '')?.[1];
  if (!columns) return [];
  return columns
    .split(',')
    .map(columnOfKeyExpression)
    .filter((c) => c !== 'company_id')
    .map(camelCase);
}

/** `email` from `lower((email)::text)`: casts, function calls and parentheses removed. */
function columnOfKeyExpression(expression: string): string {
  let column = expression.trim().replace(/::\w+/g, '');
  for (let previous = ''; previous !== column;) {
    previous = column;
    column = column.replace(/^\w*\((.*)\)$/, '$1').trim();
  }
  return column;
}

function fromDatabase(error: QueryFailedError<Error>): ProblemParts | undefined {
  const driverError = error.driverError as { code?: string; detail?: string };
  switch (driverError.code) {
    case '23505': {
      const fields = fieldsOfKeyDetail(driverError.detail);
      return {
        status: 409,
        code: CoreErrorCode.UniqueViolation,
        detail: 'A record with the same values already exists',
        errors: fields.map((path) => ({ path, code: 'unique', message: 'is already taken' })),
      };
    }
    case '23503':
    case '23001': // restrict_violation: ON DELETE RESTRICT
      return {
        status: 409,
        code: CoreErrorCode.ReferenceViolation,
        detail: 'The record is referenced by, or references, a record that does not allow this change',
      };
    case '40001':
    case '40P01':
      return {
        status: 409,
        code: CoreErrorCode.ConcurrentUpdate,
        detail: 'The record was changed concurrently; retry the request',
        headers: { 'Retry-After': '1' },
      };
    default:
      return undefined;
  }
}

function fromHttpException(error: HttpException): ProblemParts {
  const status = error.getStatus();
  const response = error.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : ((response as { message?: string | string[] }).message ?? error.message);
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  if (error instanceof ThrottlerException) {
    return { status: 429, code: CoreErrorCode.RateLimited, detail: 'Too many requests; retry later' };
  }
  if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
    return { status, code: CoreErrorCode.RouteNotFound, detail: 'No route matches this method and path' };
  }
  return {
    status,
    code: DEFAULT_CODE_BY_STATUS[status] ?? (status >= 500 ? CoreErrorCode.InternalError : 'http_error'),
    detail,
    unexpected: status >= 500 && status !== 503,
  };
}

/** Fastify's errors reach the filter wrapped in an HttpException by the Nest adapter, or bare. */
function fastifyErrorOf(error: unknown): ProblemParts | undefined {
  const candidate = error instanceof HttpException ? error.cause : error;
  const code = (candidate as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code in FASTIFY_ERRORS ? FASTIFY_ERRORS[code] : undefined;
}

function classify(error: unknown): ProblemParts {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      detail: error.detail,
      errors: error.errors,
      extensions: error.extensions,
      headers: error.headers,
      unexpected: error.status >= 500,
    };
  }
  const fastifyError = fastifyErrorOf(error);
  if (fastifyError) return fastifyError;
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof EntityNotFoundError) {
    return { status: 404, code: CoreErrorCode.NotFound, detail: 'The resource was not found' };
  }
  if (error instanceof QueryFailedError) {
    const known = fromDatabase(error as QueryFailedError<Error>);
    if (known) return known;
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      code: DEFAULT_CODE_BY_STATUS[statusCode] ?? 'http_error',
      detail: (error as Error).message,
    };
  }
  return {
    status: 500,
    code: CoreErrorCode.InternalError,
    detail: 'An unexpected error occurred; quote the traceId when reporting it',
    unexpected: true,
  };
}

/**
 * Turns anything thrown while serving a request into the RFC 9457 answer. 5xx bodies stay generic:
 * internals (SQL, stack traces, messages of unknown errors) only ever reach the log.
 */
export function toProblem(error: unknown, instance: string, traceId: string): ProblemAnswer {
  const parts = classify(error);
  const generic = parts.status >= 500;
  const problem: ProblemDetails = {
    ...(generic ? {} : parts.extensions),
    type: problemType(parts.code),
    title: statusTitle(parts.status),
    status: parts.status,
    detail:
      generic && parts.status !== 503
        ? 'An unexpected error occurred; quote the traceId when reporting it'
        : parts.detail,
    instance,
    code: parts.code,
    ...(parts.errors?.length && !generic ? { errors: parts.errors } : {}),
    traceId,
  };
  return { problem, headers: parts.headers ?? {}, unexpected: parts.unexpected ?? false };
}
