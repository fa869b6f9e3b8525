const API = '/api/v1';

async function send<T>(baseUrl: string, method: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${baseUrl}${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * A subscription product priced with SPEC §6's worked-example ladder (1–10 @ 10, 11–50 @ 8, 51+ @ 6,
 * graduated) and a 24-month duration at 10 %, through the API: what a quote scenario prices.
 */
export async function seedPricedProduct(
  baseUrl: string,
  token: string,
): Promise<{ productId: string; durationId: string }> {
  const product = await send<{ id: string }>(baseUrl, 'POST', '/products', token, {
    sku: 'BENCH-SUB-1',
    name: 'Bench subscription',
    type: 'subscription',
  });
  await send(baseUrl, 'PUT', `/products/${product.id}/price-tiers`, token, {
    currency: 'AUD',
    tierMode: 'graduated',
    tiers: [
      { minQty: 1, maxQty: 10, unitPrice: '10.0000' },
      { minQty: 11, maxQty: 50, unitPrice: '8.0000' },
      { minQty: 51, maxQty: null, unitPrice: '6.0000' },
    ],
  });
  const duration = await send<{ id: string }>(baseUrl, 'POST', '/durations', token, {
    name: 'Two years',
    months: 24,
    discountPercent: '10.00',
  });
  return { productId: product.id, durationId: duration.id };
}
