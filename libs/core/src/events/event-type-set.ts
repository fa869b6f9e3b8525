/** One event type a module publishes, e.g. `customer.created`. */
export interface EventTypeDeclaration {
  /** `<entity>.<verb>`: lowercase words, snake_case inside a part (`lead.status_changed`). */
  type: string;
  /** What happened, for people choosing which events a webhook receives. */
  description: string;
}

export const EVENT_TYPE_PATTERN = /^[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*$/;

/**
 * The event types one module publishes through the outbox (SPEC §11.2 catalogue). The module provides
 * it as `{ provide: '<DOMAIN>_EVENT_TYPES', useValue: new EventTypeSet('<domain>', [...]) }`; the
 * webhooks module discovers every EventTypeSet provider and publishes the merged catalogue.
 * Construction validates the declarations, so a typo fails the boot, not a delivery.
 */
export class EventTypeSet {
  readonly entries: readonly EventTypeDeclaration[];

  constructor(
    readonly domain: string,
    declarations: readonly EventTypeDeclaration[],
  ) {
    const seen = new Set<string>();
    this.entries = Object.freeze(
      declarations.map((declaration) => {
        if (!EVENT_TYPE_PATTERN.test(declaration.type)) {
          throw new Error(`EventTypeSet "${domain}": "${declaration.type}" must look like <entity>.<verb>`);
        }
        if (seen.has(declaration.type)) {
          throw new Error(`EventTypeSet "${domain}": "${declaration.type}" is declared twice`);
        }
        seen.add(declaration.type);
        if (!declaration.description.trim()) {
          throw new Error(`EventTypeSet "${domain}": "${declaration.type}" needs a description`);
        }
        return Object.freeze({ ...declaration });
      }),
    );
    Object.freeze(this);
  }

  has(type: string): boolean {
    return this.entries.some((entry) => entry.type === type);
  }
}
