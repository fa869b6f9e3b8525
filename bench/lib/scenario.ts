import type { LoadRequest } from './load';

/** One measured request shape; `floor: true` when the floor server serves the same request. */
export interface Scenario {
  name: string;
  request: LoadRequest;
  floor?: boolean;
}
