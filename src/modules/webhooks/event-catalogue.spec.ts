import { EventTypeSet } from '@libs/core';
import { mergeEventTypeSets } from './event-catalogue';

describe('event catalogue', () => {
  it('merges every module set, sorted by type, naming the declaring module', () => {
    const merged = mergeEventTypeSets([
      new EventTypeSet('orders', [{ type: 'order.created', description: 'An order was created' }]),
      new EventTypeSet('customers', [{ type: 'customer.created', description: 'A customer was created' }]),
    ]);
    expect(merged).toEqual([
      { type: 'customer.created', description: 'A customer was created', domain: 'customers' },
      { type: 'order.created', description: 'An order was created', domain: 'orders' },
    ]);
  });

  it('fails the boot when two modules declare the same type', () => {
    expect(() =>
      mergeEventTypeSets([
        new EventTypeSet('a', [{ type: 'thing.done', description: 'x' }]),
        new EventTypeSet('b', [{ type: 'thing.done', description: 'y' }]),
      ]),
    ).toThrow('Event type "thing.done" is declared by "a" and "b"');
  });
});
