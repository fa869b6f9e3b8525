import { verifyWebhook, WebhookVerificationError } from '@libs/security';
import {
  type InboundAdapter,
  type InboundRequest,
  InboundVerificationError,
  type VerifiedInbound,
} from './inbound-adapter';

/** Standard Webhooks allows any id; ours must fit the column (and a sane header). */
const MAX_EVENT_ID_LENGTH = 255;
const MAX_EVENT_TYPE_LENGTH = 200;
const UNIX_SECONDS = /^\d{1,12}$/;

/** The one value of a header, or undefined when absent or repeated (a repeated one is not trusted). */
function single(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The payload's `type` when it names one (`{"type": "message.created", …}`), for filtering and handlers. */
function eventTypeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('type' in body)) return null;
  const type = body.type;
  return typeof type === 'string' && type.length > 0 ? type.slice(0, MAX_EVENT_TYPE_LENGTH) : null;
}

/**
 * The v1 adapter (SPEC §11.3): Standard Webhooks headers `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, HMAC-SHA256 over `<id>.<timestamp>.<raw body>` keyed with the configuration's
 * inbound secret, timestamps within 5 minutes. The event id is `webhook-id`.
 */
export const genericAdapter: InboundAdapter = {
  verify(request: InboundRequest, secret: string): VerifiedInbound {
    const id = single(request, 'webhook-id');
    const timestamp = single(request, 'webhook-timestamp');
    const signatureHeader = single(request, 'webhook-signature');
    if (!id || !timestamp || !signatureHeader) throw new InboundVerificationError('missing_headers');
    if (id.length > MAX_EVENT_ID_LENGTH) throw new InboundVerificationError('malformed_id');
    if (!UNIX_SECONDS.test(timestamp)) throw new InboundVerificationError('malformed_timestamp');
    try {
      verifyWebhook({
        id,
        timestamp: Number(timestamp),
        body: request.rawBody,
        signatureHeader,
        secrets: [secret],
      });
    } catch (error) {
      if (error instanceof WebhookVerificationError) throw new InboundVerificationError(error.reason);
      throw error;
    }
    return { externalEventId: id, eventType: eventTypeOf(request.body) };
  },
};
