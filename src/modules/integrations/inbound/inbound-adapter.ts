import type { IncomingHttpHeaders } from 'node:http';

/** A webhook as it arrived: headers, the exact body bytes, and the body as parsed JSON. */
export interface InboundRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: unknown;
}

/** What an adapter learned from an authentic webhook. */
export interface VerifiedInbound {
  /** The provider's id of the event: a redelivery carries the same one. */
  externalEventId: string;
  eventType: string | null;
}

/** The webhook is not authentic (or not fresh): answer 401, store nothing. `reason` is for the log only. */
export class InboundVerificationError extends Error {
  override readonly name = 'InboundVerificationError';

  constructor(readonly reason: string) {
    super(`Inbound webhook rejected: ${reason}`);
  }
}

/**
 * One provider's way of signing webhooks (SPEC §11.3). `verify` throws InboundVerificationError for
 * anything it cannot prove came from the holder of `secret`.
 */
export interface InboundAdapter {
  verify(request: InboundRequest, secret: string): VerifiedInbound;
}
