import { StateMachine } from '../state-machine';

export const CONTRACT_STATUSES = ['pending', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export type ContractAction = 'activate' | 'expire' | 'terminate' | 'renew';

/**
 * The contract lifecycle of SPEC §7. `expire` is the job's alone; `renew` leaves the contract as it
 * is and creates a new pending one (its `to`).
 */
export const CONTRACT_MACHINE = new StateMachine<ContractStatus, ContractAction>('contract', [
  { action: 'activate', from: ['pending'], to: 'active' },
  { action: 'expire', from: ['active'], to: 'expired' },
  { action: 'terminate', from: ['pending', 'active'], to: 'terminated' },
  { action: 'renew', from: ['active', 'expired'], to: 'pending' },
]);
