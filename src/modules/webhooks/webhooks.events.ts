import { EventTypeSet } from '@libs/core';

/** Sent by `POST /webhooks/:id/test`, to that endpoint only, whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const WEBHOOKS_EVENT_TYPES = new EventTypeSet('webhooks', [
  {
    type: WEBHOOK_TEST_EVENT,
    description: 'A test message asked for with POST /webhooks/{id}/test; sent to that endpoint only',
  },
]);
