import { invalidTransition } from './orders.errors';

/** One move of a state machine: `action` takes a record in one of `from` to `to`. */
export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
}

/**
 * An explicit transitions table (SPEC §7): what is not listed is refused with 409 `invalid_transition`,
 * naming the current state and the actions it allows.
 */
export class StateMachine<S extends string, A extends string> {
  constructor(
    /** `order`, `contract`: for error messages. */
    private readonly entity: string,
    readonly transitions: readonly Transition<S, A>[],
  ) {}

  /** The transitions out of `state`, in table order. */
  from(state: S): Transition<S, A>[] {
    return this.transitions.filter((t) => t.from.includes(state));
  }

  /** The transition `action` takes from `state`; throws 409 `invalid_transition` when there is none. */
  transition(state: S, action: A): Transition<S, A> {
    const transition = this.from(state).find((t) => t.action === action);
    if (!transition) {
      throw invalidTransition(
        this.entity,
        state,
        this.from(state).map((t) => t.action),
      );
    }
    return transition;
  }
}
