import { type BandInput, validateLadder } from './ladder-validation';

const band = (minQty: number, maxQty: number | null, unitPrice: unknown = '1.00'): BandInput => ({
  minQty,
  maxQty,
  unitPrice,
});

const codes = (tiers: BandInput[]) => validateLadder(tiers).map((e) => [e.path, e.code]);

describe('validateLadder (SPEC §6)', () => {
  it('accepts the worked example and a closed last band', () => {
    expect(validateLadder([band(1, 10), band(11, 50), band(51, null)])).toEqual([]);
    expect(validateLadder([band(1, 10), band(11, 11)])).toEqual([]);
    expect(validateLadder([{ minQty: 1, unitPrice: '0' }])).toEqual([]);
  });

  it('needs 1 to 20 bands', () => {
    const ladder = (length: number) =>
      Array.from({ length }, (_, i) => band(i + 1, i === length - 1 ? null : i + 1));
    expect(codes([])).toEqual([['tiers', 'validation_failed']]);
    expect(codes(ladder(21))).toEqual([['tiers', 'validation_failed']]);
    expect(validateLadder(ladder(20))).toEqual([]);
  });

  it('names each fault with its band and field', () => {
    expect(codes([band(2, 10), band(11, null)])).toEqual([['tiers[0].minQty', 'tier_not_from_one']]);
    expect(codes([band(1, 10), band(12, null)])).toEqual([['tiers[1].minQty', 'tier_gap']]);
    expect(codes([band(1, 10), band(10, null)])).toEqual([['tiers[1].minQty', 'tier_overlap']]);
    expect(codes([band(1, null), band(11, null)])).toEqual([['tiers[0].maxQty', 'open_band_not_last']]);
    expect(codes([band(1, 10), band(11, 5), band(6, null)])).toEqual([['tiers[1].maxQty', 'tier_overlap']]);
  });

  it.each([['-1'], ['1.23456'], ['abc'], [''], [10], [null], ['1e3'], ['1234567890123456']])(
    'refuses the unit price %p with invalid_price',
    (unitPrice) => {
      expect(codes([band(1, null, unitPrice)])).toEqual([['tiers[0].unitPrice', 'invalid_price']]);
    },
  );

  it('reports every fault at once', () => {
    expect(codes([band(3, 10, 'x'), band(20, null)])).toEqual([
      ['tiers[0].minQty', 'tier_not_from_one'],
      ['tiers[0].unitPrice', 'invalid_price'],
      ['tiers[1].minQty', 'tier_gap'],
    ]);
  });
});
