import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes } from 'fastify';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { AppError, InvalidInputError, NotFoundError } from './app-error';
import { toProblem } from './to-problem';

const INSTANCE = '/api/v1/things/42';
const TRACE = 'req-7f3a';
const GENERIC_DETAIL = 'An unexpected error occurred; quote the traceId when reporting it';

/** A TypeORM error as the pg driver produces it: the driver error carries the SQLSTATE and detail. */
function queryFailed(driverError: { code: string; detail?: string; message?: string }): QueryFailedError {
  const error = Object.assign(new Error(driverError.message ?? 'query failed'), driverError);
  return new QueryFailedError('INSERT INTO secret_table VALUES ($1)', ['secret'], error);
}

describe('toProblem', () => {
  describe('AppError', () => {
    it('keeps status, code, detail, field errors, extensions and headers', () => {
      const error = new AppError(409, 'illegal_transition', 'An invoice in state paid cannot be voided', {
        errors: [{ path: 'state', code: 'illegal_transition', message: 'cannot go from paid to void' }],
        extensions: { currentState: 'paid', allowed: ['refunded'] },
        headers: { 'Retry-After': '5' },
      });

      expect(toProblem(error, INSTANCE, TRACE)).toEqual({
        problem: {
          type: 'urn:cornerstone:problem:illegal_transition',
          title: 'Conflict',
          status: 409,
          detail: 'An invoice in state paid cannot be voided',
          instance: INSTANCE,
          code: 'illegal_transition',
          errors: [{ path: 'state', code: 'illegal_transition', message: 'cannot go from paid to void' }],
          currentState: 'paid',
          allowed: ['refunded'],
          traceId: TRACE,
        },
        headers: { 'Retry-After': '5' },
        unexpected: false,
      });
    });

    it('omits `errors` when there are none, and answers with no headers by default', () => {
      const { problem, headers, unexpected } = toProblem(new NotFoundError('Invoice'), INSTANCE, TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:not_found',
        title: 'Not Found',
        status: 404,
        detail: 'Invoice not found',
        instance: INSTANCE,
        code: 'not_found',
        traceId: TRACE,
      });
      expect(problem).not.toHaveProperty('errors');
      expect(headers).toEqual({});
      expect(unexpected).toBe(false);
    });

    it('does not let an extension overwrite the standard members', () => {
      const error = new AppError(400, 'bad', 'Bad thing', {
        extensions: { status: 999, type: 'evil', traceId: 'forged', instance: '/elsewhere', extra: 1 },
      });

      const { problem } = toProblem(error, INSTANCE, TRACE);

      expect(problem.status).toBe(400);
      expect(problem.type).toBe('urn:cornerstone:problem:bad');
      expect(problem.traceId).toBe(TRACE);
      expect(problem.instance).toBe(INSTANCE);
      expect(problem.extra).toBe(1);
    });

    it('lists the field errors of an InvalidInputError as a 400 validation_failed', () => {
      const error = new InvalidInputError([{ path: 'email', code: 'is_email', message: 'must be an email' }]);

      const { problem } = toProblem(error, INSTANCE, TRACE);

      expect(problem.status).toBe(400);
      expect(problem.title).toBe('Bad Request');
      expect(problem.code).toBe('validation_failed');
      expect(problem.detail).toBe('email: must be an email');
      expect(problem.errors).toEqual([{ path: 'email', code: 'is_email', message: 'must be an email' }]);
    });

    it('answers a 5xx AppError generically, without its message or extensions, and flags it unexpected', () => {
      const error = new AppError(500, 'ledger_corrupt', 'SELECT * FROM ledger failed on row 17', {
        extensions: { sql: 'SELECT * FROM ledger' },
      });

      const { problem, unexpected } = toProblem(error, INSTANCE, TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:ledger_corrupt',
        title: 'Internal Server Error',
        status: 500,
        detail: GENERIC_DETAIL,
        instance: INSTANCE,
        code: 'ledger_corrupt',
        traceId: TRACE,
      });
      expect(JSON.stringify(problem)).not.toContain('SELECT');
      expect(unexpected).toBe(true);
    });

    it('keeps the detail of a 503 (it is meant for the client) and its Retry-After header', () => {
      const error = new AppError(503, 'service_unavailable', 'Maintenance until 10:00', {
        headers: { 'Retry-After': '120' },
      });

      const { problem, headers } = toProblem(error, INSTANCE, TRACE);

      expect(problem.status).toBe(503);
      expect(problem.title).toBe('Service Unavailable');
      expect(problem.detail).toBe('Maintenance until 10:00');
      expect(headers).toEqual({ 'Retry-After': '120' });
    });
  });

  describe('unknown errors', () => {
    it('answers an unknown Error with a generic 500 that does not leak its message', () => {
      const { problem, headers, unexpected } = toProblem(
        new TypeError("Cannot read properties of undefined (reading 'password')"),
        INSTANCE,
        TRACE,
      );

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:internal_error',
        title: 'Internal Server Error',
        status: 500,
        detail: GENERIC_DETAIL,
        instance: INSTANCE,
        code: 'internal_error',
        traceId: TRACE,
      });
      expect(JSON.stringify(problem)).not.toContain('password');
      expect(headers).toEqual({});
      expect(unexpected).toBe(true);
    });

    it.each([
      ['a string', 'boom'],
      ['undefined', undefined],
      ['null', null],
      ['a plain object', { message: 'secret' }],
    ])('answers a thrown %s with a generic 500', (_label, thrown) => {
      const { problem, unexpected } = toProblem(thrown, INSTANCE, TRACE);

      expect(problem.status).toBe(500);
      expect(problem.code).toBe('internal_error');
      expect(problem.detail).toBe(GENERIC_DETAIL);
      expect(unexpected).toBe(true);
    });

    it('keeps the message of an error that carries a 4xx statusCode', () => {
      const error = Object.assign(new Error('Unsupported Accept-Encoding'), { statusCode: 406 });

      const { problem, unexpected } = toProblem(error, INSTANCE, TRACE);

      expect(problem.status).toBe(406);
      expect(problem.title).toBe('Not Acceptable');
      expect(problem.code).toBe('http_error');
      expect(problem.detail).toBe('Unsupported Accept-Encoding');
      expect(unexpected).toBe(false);
    });
  });

  describe('Nest HttpException', () => {
    it("maps Nest's unmatched-route 404 to route_not_found", () => {
      const { problem, unexpected } = toProblem(new NotFoundException('Cannot GET /x'), '/x', TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:route_not_found',
        title: 'Not Found',
        status: 404,
        detail: 'No route matches this method and path',
        instance: '/x',
        code: 'route_not_found',
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });

    it('maps any other NotFoundException to not_found with its message', () => {
      const { problem } = toProblem(new NotFoundException('Invoice not found'), INSTANCE, TRACE);

      expect(problem.code).toBe('not_found');
      expect(problem.detail).toBe('Invoice not found');
    });

    it('maps a BadRequestException to validation_failed with its message', () => {
      const { problem, unexpected } = toProblem(
        new BadRequestException('limit must be a number'),
        INSTANCE,
        TRACE,
      );

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:validation_failed',
        title: 'Bad Request',
        status: 400,
        detail: 'limit must be a number',
        instance: INSTANCE,
        code: 'validation_failed',
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });

    it('joins an array message of a BadRequestException', () => {
      const error = new BadRequestException(['name should not be empty', 'email must be an email']);

      expect(toProblem(error, INSTANCE, TRACE).problem.detail).toBe(
        'name should not be empty; email must be an email',
      );
    });

    it('maps a ThrottlerException to 429 rate_limited', () => {
      const { problem, unexpected } = toProblem(new ThrottlerException(), INSTANCE, TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:rate_limited',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Too many requests; retry later',
        instance: INSTANCE,
        code: 'rate_limited',
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });

    it('uses http_error for a 4xx status without a default code', () => {
      const { problem } = toProblem(new HttpException('I am a teapot', 418), INSTANCE, TRACE);

      expect(problem.status).toBe(418);
      expect(problem.title).toBe("I'm a Teapot");
      expect(problem.code).toBe('http_error');
      expect(problem.detail).toBe('I am a teapot');
    });

    it('answers a 5xx HttpException generically and flags it unexpected', () => {
      const { problem, unexpected } = toProblem(
        new InternalServerErrorException('connection string postgres://u:p@db'),
        INSTANCE,
        TRACE,
      );

      expect(problem.status).toBe(500);
      expect(problem.code).toBe('internal_error');
      expect(problem.detail).toBe(GENERIC_DETAIL);
      expect(unexpected).toBe(true);
    });

    it('keeps a 503 HttpException expected, with its detail', () => {
      const { problem, unexpected } = toProblem(
        new ServiceUnavailableException('Database is starting'),
        INSTANCE,
        TRACE,
      );

      expect(problem.status).toBe(503);
      expect(problem.code).toBe('service_unavailable');
      expect(problem.detail).toBe('Database is starting');
      expect(unexpected).toBe(false);
    });
  });

  describe('Fastify errors', () => {
    // The Fastify adapter wraps a 4xx FastifyError as `new HttpException(message, statusCode, { cause })`.
    const wrapped = (cause: Error & { statusCode?: number }) =>
      new HttpException(cause.message, cause.statusCode ?? 400, { cause });

    it('maps an invalid JSON body to 400 malformed_body', () => {
      const { problem, unexpected } = toProblem(
        wrapped(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY()),
        INSTANCE,
        TRACE,
      );

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:malformed_body',
        title: 'Bad Request',
        status: 400,
        detail: 'The body is not valid JSON',
        instance: INSTANCE,
        code: 'malformed_body',
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });

    it('maps a too-large body to 413 payload_too_large', () => {
      const { problem } = toProblem(wrapped(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()), INSTANCE, TRACE);

      expect(problem.status).toBe(413);
      expect(problem.title).toBe('Payload Too Large');
      expect(problem.code).toBe('payload_too_large');
      expect(problem.type).toBe('urn:cornerstone:problem:payload_too_large');
      expect(problem.detail).toBe('The request body is larger than the server accepts');
    });

    it('maps an unsupported media type to 415', () => {
      const { problem } = toProblem(
        wrapped(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain')),
        INSTANCE,
        TRACE,
      );

      expect(problem.status).toBe(415);
      expect(problem.code).toBe('unsupported_media_type');
    });

    it('recognises a Fastify error by its code even when it is not wrapped', () => {
      const bare = Object.assign(new Error('Body is not valid JSON but content-type is set to json'), {
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        statusCode: 400,
      });

      const { problem } = toProblem(bare, INSTANCE, TRACE);

      expect(problem.status).toBe(400);
      expect(problem.code).toBe('malformed_body');
    });

    it('ignores an unrelated cause code', () => {
      const error = new BadRequestException('Bad', {
        cause: Object.assign(new Error('x'), { code: 'ENOENT' }),
      });

      expect(toProblem(error, INSTANCE, TRACE).problem.code).toBe('validation_failed');
    });
  });

  describe('database errors', () => {
    it('names the column inside a cast expression as PostgreSQL may print it', () => {
      const error = queryFailed({
        code: '23505',
        detail: 'Key (lower((email)::text))=(a@b.c) already exists.',
      });
      expect(toProblem(error, INSTANCE, TRACE).problem.errors).toEqual([
        { path: 'email', code: 'unique', message: 'is already taken' },
      ]);
    });

    it('maps a unique violation on a case-insensitive email to 409 with the email field', () => {
      const error = queryFailed({
        code: '23505',
        detail:
          'Key (company_id, lower(email::text))=(0b8f6c1e-7d6e-4c3a-9a35-3f1b1f3f6c10, a@b.c) already exists.',
      });

      const { problem, unexpected } = toProblem(error, INSTANCE, TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:unique_violation',
        title: 'Conflict',
        status: 409,
        detail: 'A record with the same values already exists',
        instance: INSTANCE,
        code: 'unique_violation',
        errors: [{ path: 'email', code: 'unique', message: 'is already taken' }],
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });

    it('names a plain column of a unique violation', () => {
      const error = queryFailed({ code: '23505', detail: 'Key (sku)=(X) already exists.' });

      expect(toProblem(error, INSTANCE, TRACE).problem.errors).toEqual([
        { path: 'sku', code: 'unique', message: 'is already taken' },
      ]);
    });

    it('names a snake_case column by its camelCase field and leaves out the tenant column', () => {
      const error = queryFailed({
        code: '23505',
        detail: 'Key (company_id, tax_id)=(0b8f6c1e-7d6e-4c3a-9a35-3f1b1f3f6c10, DE123) already exists.',
      });

      expect(toProblem(error, INSTANCE, TRACE).problem.errors).toEqual([
        { path: 'taxId', code: 'unique', message: 'is already taken' },
      ]);
    });

    it('names every column of a composite unique key', () => {
      const error = queryFailed({
        code: '23505',
        detail: 'Key (company_id, warehouse_id, bin_code)=(c, w, A-1) already exists.',
      });

      expect(toProblem(error, INSTANCE, TRACE).problem.errors?.map((e) => e.path)).toEqual([
        'warehouseId',
        'binCode',
      ]);
    });

    it('still answers 409 unique_violation, without errors, when the detail is missing', () => {
      const { problem } = toProblem(queryFailed({ code: '23505' }), INSTANCE, TRACE);

      expect(problem.status).toBe(409);
      expect(problem.code).toBe('unique_violation');
      expect(problem).not.toHaveProperty('errors');
    });

    it('maps a foreign key violation to 409 reference_violation without leaking SQL', () => {
      const error = queryFailed({
        code: '23503',
        detail: 'Key (customer_id)=(42) is not present in table "customers".',
        message: 'insert or update on table "orders" violates foreign key constraint "fk_orders_customer_id"',
      });

      const { problem, headers, unexpected } = toProblem(error, INSTANCE, TRACE);

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:reference_violation',
        title: 'Conflict',
        status: 409,
        detail: 'The record is referenced by, or references, a record that does not allow this change',
        instance: INSTANCE,
        code: 'reference_violation',
        traceId: TRACE,
      });
      expect(headers).toEqual({});
      expect(unexpected).toBe(false);
    });

    it.each(['40001', '40P01'])('maps SQLSTATE %s to 409 concurrent_update with Retry-After: 1', (code) => {
      const { problem, headers, unexpected } = toProblem(queryFailed({ code }), INSTANCE, TRACE);

      expect(problem.status).toBe(409);
      expect(problem.code).toBe('concurrent_update');
      expect(problem.type).toBe('urn:cornerstone:problem:concurrent_update');
      expect(problem.detail).toBe('The record was changed concurrently; retry the request');
      expect(headers).toEqual({ 'Retry-After': '1' });
      expect(unexpected).toBe(false);
    });

    it('answers any other database error as a generic, unexpected 500', () => {
      const error = queryFailed({ code: '42P01', message: 'relation "secret_table" does not exist' });

      const { problem, unexpected } = toProblem(error, INSTANCE, TRACE);

      expect(problem.status).toBe(500);
      expect(problem.code).toBe('internal_error');
      expect(problem.detail).toBe(GENERIC_DETAIL);
      expect(JSON.stringify(problem)).not.toContain('secret_table');
      expect(unexpected).toBe(true);
    });

    it('maps an EntityNotFoundError to 404 not_found', () => {
      const { problem, unexpected } = toProblem(
        new EntityNotFoundError('Invoice', { id: '42' }),
        INSTANCE,
        TRACE,
      );

      expect(problem).toEqual({
        type: 'urn:cornerstone:problem:not_found',
        title: 'Not Found',
        status: 404,
        detail: 'The resource was not found',
        instance: INSTANCE,
        code: 'not_found',
        traceId: TRACE,
      });
      expect(unexpected).toBe(false);
    });
  });
});
