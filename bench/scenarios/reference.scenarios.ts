import type { Scenario } from '../lib/scenario';

/** Public reads of reference data: the cheapest path through the whole pipeline (no auth). */
export const referenceScenarios: Scenario[] = [
  {
    name: 'GET /reference/countries?limit=20',
    request: { path: '/api/v1/reference/countries?limit=20' },
    floor: true,
  },
  {
    name: 'GET /reference/countries/:code',
    request: { path: '/api/v1/reference/countries/AU' },
    floor: true,
  },
];
