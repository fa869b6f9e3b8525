import { AppError, type FieldError } from '@libs/core';

export enum OrdersErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  ReferenceNotFound = 'reference_not_found',
  InvalidTransition = 'invalid_transition',
  OrderNotDraft = 'order_not_draft',
  OrderEmpty = 'order_empty',
  CustomerDeleted = 'customer_deleted',
  CustomerBlocked = 'customer_blocked',
  ContractActive = 'contract_active',
  AlreadyRenewed = 'already_renewed',
  StartDateInPast = 'start_date_in_past',
  StartDateNotApplicable = 'start_date_not_applicable',
}

/** Every error the orders module raises. */
export class OrdersError extends AppError {}

export const notFound = (resource: string): OrdersError =>
  new OrdersError(404, OrdersErrorCode.NotFound, `${resource} not found`);

/**
 * 400 naming every failing field (`items[2].quantity`). The problem's `code` is the fields' code when
 * they all share one (a client can branch on `reference_not_found`), else `validation_failed`.
 */
export const invalidFields = (errors: FieldError[]): OrdersError =>
  new OrdersError(400, sharedCode(errors), describe(errors), { errors });

export const invalidField = (path: string, code: string, message: string): OrdersError =>
  invalidFields([{ path, code, message }]);

/** 400 for a body reference (`customerId`...) that does not resolve in the company. */
export const referenceNotFound = (path: string, what: string): OrdersError =>
  invalidField(path, OrdersErrorCode.ReferenceNotFound, `${what} does not exist`);

/** 409: a guard failed on stored data (`order_empty`, `customer_blocked`...). */
export const guardFailed = (code: string, detail: string): OrdersError => new OrdersError(409, code, detail);

/** 409 naming the stored fields that fail a guard, e.g. one `items[i].productId` per archived product. */
export const guardFailedOn = (errors: FieldError[]): OrdersError =>
  new OrdersError(409, sharedCode(errors), describe(errors), { errors });

/** 409 for an action the current state does not allow (SPEC §1), with what is allowed from it. */
export const invalidTransition = (what: string, currentState: string, allowed: string[]): OrdersError =>
  new OrdersError(
    409,
    OrdersErrorCode.InvalidTransition,
    `Not allowed while the ${what} is ${currentState}`,
    { extensions: { currentState, allowed } },
  );

/** 409: only drafts take this change. */
export const orderNotDraft = (status: string, fields: string[] = []): OrdersError =>
  new OrdersError(
    409,
    OrdersErrorCode.OrderNotDraft,
    `The order is ${status}: only notes and externalRefs can still change`,
    fields.length
      ? {
          errors: fields.map((path) => ({
            path,
            code: OrdersErrorCode.OrderNotDraft,
            message: 'can only change on a draft',
          })),
        }
      : {},
  );

function sharedCode(errors: FieldError[]): string {
  const codes = new Set(errors.map((e) => e.code));
  return codes.size === 1 ? errors[0].code : OrdersErrorCode.ValidationFailed;
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
