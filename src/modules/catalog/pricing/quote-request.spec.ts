import { type QuoteItemRequest, validateQuoteRequest } from './quote-request';

const PRODUCT = '0194f5a0-0000-7000-8000-000000000001';

const paths = (items: unknown[], currency?: unknown) =>
  validateQuoteRequest({ currency, items } as never).map((e) => [e.path, e.code]);

describe('validateQuoteRequest', () => {
  it('accepts well-formed lines', () => {
    const item: QuoteItemRequest = {
      productId: PRODUCT,
      quantity: 1_000_000,
      durationId: PRODUCT,
      discountPercent: '100',
    };
    expect(paths([item, { productId: PRODUCT, quantity: 1, discountPercent: '12.5' }], 'AUD')).toEqual([]);
  });

  it('needs at least one item and a well-formed currency', () => {
    expect(paths([])).toEqual([['items', 'validation_failed']]);
    expect(paths([{ productId: PRODUCT, quantity: 1 }], 'aud')).toEqual([['currency', 'invalid_currency']]);
  });

  it('names each faulty field of each line', () => {
    expect(
      paths([
        { productId: 'nope', quantity: 0 },
        { productId: PRODUCT, quantity: 1.5, durationId: 'x', discountPercent: '100.01' },
        { productId: PRODUCT, quantity: 1_000_001, discountPercent: 5 },
        { productId: PRODUCT, quantity: '3', discountPercent: '1.234' },
      ]),
    ).toEqual([
      ['items[0].productId', 'invalid_id'],
      ['items[0].quantity', 'invalid_quantity'],
      ['items[1].quantity', 'invalid_quantity'],
      ['items[1].durationId', 'invalid_id'],
      ['items[1].discountPercent', 'invalid_percent'],
      ['items[2].quantity', 'invalid_quantity'],
      ['items[2].discountPercent', 'invalid_percent'],
      ['items[3].quantity', 'invalid_quantity'],
      ['items[3].discountPercent', 'invalid_percent'],
    ]);
  });
});
