import { addMonths } from '../calendar';
import type { ContractStatus } from './contract-state-machine';

export interface ContractTerm {
  startDate: string;
  endDate: string;
  renewalDate: string;
}

/**
 * A contract's dates (SPEC §7): end = start + months calendar months clamped to the month's end
 * (2026-01-31 + 1 month = 2026-02-28); the term is [start, end); the renewal date is the end.
 */
export function contractTerm(startDate: string, months: number): ContractTerm {
  const endDate = addMonths(startDate, months);
  return { startDate, endDate, renewalDate: endDate };
}

/** A confirmed line's contract is active at once when its start has arrived (company's today). */
export function initialStatus(startDate: string, today: string): ContractStatus {
  return startDate <= today ? 'active' : 'pending';
}

/** A renewal starts where an active contract ends, or today for an expired one. */
export function renewalStart(previous: { status: ContractStatus; endDate: string }, today: string): string {
  return previous.status === 'active' ? previous.endDate : today;
}
