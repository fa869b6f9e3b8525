import { errorThrownBy } from '@libs/testing';
import { CONTRACT_MACHINE } from './contracts/contract-state-machine';
import { OrdersError } from './orders.errors';
import { ORDER_ACTIONS, ORDER_MACHINE, ORDER_STATUSES } from './orders/order-state-machine';

describe('order state machine (SPEC §7)', () => {
  const allowed: Record<string, Record<string, string>> = {
    draft: { submit: 'submitted', cancel: 'cancelled' },
    submitted: { confirm: 'confirmed', cancel: 'cancelled' },
    confirmed: { fulfil: 'fulfilled', cancel: 'cancelled' },
    fulfilled: { complete: 'completed' },
    completed: {},
    cancelled: {},
  };

  it.each(ORDER_STATUSES.flatMap((state) => ORDER_ACTIONS.map((action) => [state, action] as const)))(
    '%s + %s',
    (state, action) => {
      const to = allowed[state][action];
      if (to) {
        expect(ORDER_MACHINE.transition(state, action).to).toBe(to);
        return;
      }
      const error = errorThrownBy(OrdersError, () => ORDER_MACHINE.transition(state, action));
      expect(error.status).toBe(409);
      expect(error.code).toBe('invalid_transition');
      expect(error.extensions).toEqual({ currentState: state, allowed: Object.keys(allowed[state]) });
    },
  );

  it('lists the moves out of a state in table order', () => {
    expect(ORDER_MACHINE.from('draft').map((t) => [t.action, t.to])).toEqual([
      ['submit', 'submitted'],
      ['cancel', 'cancelled'],
    ]);
    expect(ORDER_MACHINE.from('completed')).toEqual([]);
  });
});

describe('contract state machine (SPEC §7)', () => {
  it.each([
    ['pending', 'activate', 'active'],
    ['active', 'expire', 'expired'],
    ['pending', 'terminate', 'terminated'],
    ['active', 'terminate', 'terminated'],
    ['active', 'renew', 'pending'],
    ['expired', 'renew', 'pending'],
  ] as const)('%s + %s -> %s', (state, action, to) => {
    expect(CONTRACT_MACHINE.transition(state, action).to).toBe(to);
  });

  it.each([
    ['pending', 'renew'],
    ['pending', 'expire'],
    ['active', 'activate'],
    ['expired', 'terminate'],
    ['terminated', 'renew'],
    ['terminated', 'activate'],
  ] as const)('refuses %s + %s with 409 invalid_transition', (state, action) => {
    const error = errorThrownBy(OrdersError, () => CONTRACT_MACHINE.transition(state, action));
    expect(error.code).toBe('invalid_transition');
    expect(error.extensions?.currentState).toBe(state);
  });
});
