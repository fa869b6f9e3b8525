import type { Scenario } from '../lib/scenario';

/** A quote of the worked example (graduated ladder, 24 months at 10 %): reads only, no floor. */
export function pricingScenarios(data: {
  accessTokens: string[];
  productId: string;
  durationId: string;
}): Scenario[] {
  let next = 0;
  return [
    {
      name: 'POST /pricing/quote',
      request: {
        method: 'POST',
        path: '/api/v1/pricing/quote',
        headers: () => ({ authorization: `Bearer ${data.accessTokens[next++ % data.accessTokens.length]}` }),
        body: JSON.stringify({
          currency: 'AUD',
          items: [
            { productId: data.productId, quantity: 25, durationId: data.durationId },
            { productId: data.productId, quantity: 60, durationId: data.durationId, discountPercent: '5' },
          ],
        }),
      },
    },
  ];
}
