import { AppError, CoreErrorCode, type FieldError } from '@libs/core';

export enum WebhooksErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  UrlNotAllowed = 'url_not_allowed',
  UnknownEventType = 'unknown_event_type',
  EndpointDisabled = 'webhook_endpoint_disabled',
}

export class WebhooksError extends AppError {}

export const notFound = (resource: string): WebhooksError =>
  new WebhooksError(404, WebhooksErrorCode.NotFound, `${resource} not found`);

/** 400 naming every failing field, e.g. `eventTypes[1]`. */
export const invalidFields = (
  errors: FieldError[],
  code = WebhooksErrorCode.ValidationFailed,
): WebhooksError =>
  new WebhooksError(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

/** 400 `url` `url_not_allowed` (SSRF guard, scheme). */
export const urlNotAllowed = (message: string): WebhooksError =>
  invalidFields(
    [{ path: 'url', code: WebhooksErrorCode.UrlNotAllowed, message }],
    WebhooksErrorCode.UrlNotAllowed,
  );

export const endpointDisabled = (): WebhooksError =>
  new WebhooksError(
    409,
    WebhooksErrorCode.EndpointDisabled,
    'The webhook endpoint is disabled; enable it first (POST /webhooks/{id}/enable)',
  );

/** The row changed between our read and our conditional write. */
export const concurrentChange = (): AppError =>
  new AppError(
    409,
    CoreErrorCode.ConcurrentUpdate,
    'The record was changed concurrently; retry the request',
    {
      headers: { 'Retry-After': '1' },
    },
  );
