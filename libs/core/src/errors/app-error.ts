import type { FieldError } from './problem-details';

export interface AppErrorOptions {
  /** One entry per failing field (validation-like errors). */
  errors?: FieldError[];
  /** Extra members of the problem body, e.g. `{ currentState, allowed }` for an illegal transition. */
  extensions?: Record<string, unknown>;
  /** Response headers the answer needs, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one exception type the problem-details filter understands natively. Modules subclass it (or
 * construct it from their error-code enum) in their `*.errors.ts`; services throw it, never HTTP types.
 */
export class AppError extends Error {
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

/** 404 for a path resource that is absent, soft-deleted, or in another company (ids are never confirmed). */
export class NotFoundError extends AppError {
  constructor(resource: string) {
    super(404, 'not_found', `${resource} not found`);
  }
}

/** 400 naming the fields at fault. */
export class InvalidInputError extends AppError {
  constructor(errors: FieldError[], code = 'validation_failed') {
    super(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
}
