import { isIP } from 'node:net';
import { type EntitySubscriberInterface, EventSubscriber, type TransactionStartEvent } from 'typeorm';
import { currentContext, type RequestContextStore } from '@libs/core';

/**
 * The request context as transaction-local settings, read by the audit triggers
 * (`current_setting('cornerstone.actor_id', true)` …). `set_config(…, true)` = SET LOCAL: the values
 * end with the transaction, so a pooled connection never carries them into another request.
 */
const SET_AUDIT_CONTEXT = `SELECT set_config('cornerstone.actor_type', $1, true),
       set_config('cornerstone.actor_id', $2, true),
       set_config('cornerstone.company_id', $3, true),
       set_config('cornerstone.request_id', $4, true),
       set_config('cornerstone.ip', $5, true),
       set_config('cornerstone.user_agent', $6, true)`;

/**
 * The parameters of SET_AUDIT_CONTEXT ('' = absent), or null when the context holds nothing
 * (start-up, CLI): then no statement is sent, and the triggers fall back to the row's `*_by` columns.
 */
export function auditContextParameters(context: RequestContextStore): string[] | null {
  const parameters = [
    // An explicit `system` actor (jobs) is recorded as such; no actor at all (start-up, CLI, signed-out
    // routes) lets the trigger fall back to the row's `*_by` columns.
    context.actor?.type ?? '',
    context.actor?.id ?? '',
    context.companyId ?? '',
    context.requestId ?? '',
    // The trigger casts it to inet: anything that is not an address would fail the business write.
    context.ip && isIP(context.ip) ? context.ip : '',
    context.userAgent ?? '',
  ];
  return parameters.some((value) => value !== '') ? parameters : null;
}

/**
 * Hands the request context to the audit triggers at the start of every transaction, whoever opens it
 * (`@Transactional()`, `dataSource.transaction`, `repository.save`): ONE statement per transaction, so
 * every row written in it is audited with its actor, company, request id, ip and user agent.
 */
@EventSubscriber()
export class AuditContextSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const parameters = auditContextParameters(currentContext());
    if (parameters) await event.queryRunner.query(SET_AUDIT_CONTEXT, parameters);
  }
}
