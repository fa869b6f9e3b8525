import { STATUS_CODES } from 'node:http';

/** One failing input field: `path` like `items[2].quantity`, `code` snake_case, `message` for humans. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldError[];
  traceId: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: string): string {
  return `urn:cornerstone:problem:${code}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
