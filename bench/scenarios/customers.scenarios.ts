import type { Scenario } from '../lib/scenario';

export interface CustomersBenchData {
  companyId: string;
  accessTokens: string[];
  /** A cursor 150,000 rows deep into the default order. */
  deepCursor: string;
  customerId: string;
  /** A name fragment, as typed into a search box. */
  searchFragment: string;
}

/**
 * Customer reads at 200,000 rows in the company (and 20,000 in another), and creation. The floor
 * serves the same list and get-by-id queries; its company comes from a header instead of a token.
 */
export function customersScenarios(data: CustomersBenchData): Scenario[] {
  let next = 0;
  const auth = () => ({
    authorization: `Bearer ${data.accessTokens[next++ % data.accessTokens.length]}`,
    'x-company-id': data.companyId,
  });
  let created = 0;
  const run = Date.now().toString(36);
  return [
    {
      name: 'GET /customers?limit=20',
      request: { path: '/api/v1/customers?limit=20', headers: auth },
      floor: true,
    },
    {
      name: 'GET /customers?limit=20 (150,000 rows deep)',
      request: { path: `/api/v1/customers?limit=20&cursor=${data.deepCursor}`, headers: auth },
      floor: true,
    },
    {
      name: 'GET /customers/:id',
      request: { path: `/api/v1/customers/${data.customerId}`, headers: auth },
      floor: true,
    },
    {
      name: 'GET /customers?q=<name fragment>',
      request: {
        path: `/api/v1/customers?limit=20&q=${encodeURIComponent(data.searchFragment)}`,
        headers: auth,
      },
    },
    {
      name: 'POST /customers',
      request: {
        method: 'POST',
        path: '/api/v1/customers',
        headers: auth,
        body: () => {
          const n = created++;
          return JSON.stringify({
            kind: 'person',
            displayName: `Bench Person ${run} ${n}`,
            email: `bench.${run}.${n}@example.test`,
          });
        },
      },
    },
  ];
}
