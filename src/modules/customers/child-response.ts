import type { FastifyReply } from 'fastify';
import { etagOf } from '@libs/core';
import type { ChildChange } from './customer-changes';

/** A child row's answer: the child in the body, the customer's version as ETag (its If-Match). */
export function withCustomerEtag<T>(reply: FastifyReply, change: ChildChange<T>): T {
  void reply.header('etag', etagOf(change.version));
  return change.data;
}
