import fc from 'fast-check';
import { type LineInput, type PriceBand, priceLine, sumLines, type TierMode } from './pricing-engine';

/** The ladder of SPEC §6's worked example. */
const LADDER: PriceBand[] = [
  { minQty: 1, maxQty: 10, unitPrice: '10.0000' },
  { minQty: 11, maxQty: 50, unitPrice: '8.0000' },
  { minQty: 51, maxQty: null, unitPrice: '6.0000' },
];

const NO_TAX = { ratePercent: '0', inclusive: false };

function line(tierMode: TierMode, quantity: number, extra: Partial<LineInput> = {}): LineInput {
  return { quantity, tierMode, tiers: LADDER, duration: null, discountPercent: '0', tax: NO_TAX, ...extra };
}

describe('priceLine: the worked example of SPEC §6 (acceptance)', () => {
  it.each([
    [10, '100.00', '100.00'],
    [11, '108.00', '88.00'],
    [25, '220.00', '200.00'],
    [51, '426.00', '306.00'],
  ])('q = %i: graduated %s, volume %s', (quantity, graduated, volume) => {
    expect(priceLine(line('graduated', quantity))).toMatchObject({
      months: 1,
      gross: graduated,
      total: graduated,
    });
    expect(priceLine(line('volume', quantity))).toMatchObject({ months: 1, gross: volume, total: volume });
  });

  it('spreads graduated units over the bands and puts volume units in one band', () => {
    expect(priceLine(line('graduated', 51)).bands).toEqual([
      { minQty: 1, maxQty: 10, unitPrice: '10.0000', quantity: 10, amount: '100.00' },
      { minQty: 11, maxQty: 50, unitPrice: '8.0000', quantity: 40, amount: '320.00' },
      { minQty: 51, maxQty: null, unitPrice: '6.0000', quantity: 1, amount: '6.00' },
    ]);
    expect(priceLine(line('volume', 51)).bands).toEqual([
      { minQty: 51, maxQty: null, unitPrice: '6.0000', quantity: 51, amount: '306.00' },
    ]);
  });

  const subscription = { months: 24, discountPercent: '10' };

  it.each([
    ['graduated', { gross: '5280.00', discount: '528.00', subtotal: '4752.00' }],
    ['volume', { gross: '4800.00', discount: '480.00', subtotal: '4320.00' }],
  ] as const)(
    'q = 25, 24 months, 10 %% duration discount, %s: gross / discount / subtotal',
    (mode, expected) => {
      expect(priceLine(line(mode, 25, { duration: subscription }))).toMatchObject({
        months: 24,
        ...expected,
      });
    },
  );

  it.each([
    ['graduated', '475.20', '5227.20'],
    ['volume', '432.00', '4752.00'],
  ] as const)('… with 10 %% exclusive tax, %s: tax %s, total %s', (mode, tax, total) => {
    const priced = priceLine(
      line(mode, 25, { duration: subscription, tax: { ratePercent: '10', inclusive: false } }),
    );
    expect(priced).toMatchObject({ taxRate: '10.000', taxInclusive: false, tax, total });
  });

  it.each([
    ['graduated', '432.00', '4752.00'],
    ['volume', '392.73', '4320.00'],
  ] as const)('… with 10 %% inclusive tax, %s: tax %s, total %s', (mode, tax, total) => {
    const priced = priceLine(
      line(mode, 25, { duration: subscription, tax: { ratePercent: '10', inclusive: true } }),
    );
    expect(priced).toMatchObject({ taxRate: '10.000', taxInclusive: true, tax, total });
  });

  it('compounds the duration and manual discounts: d = 1 − (1 − dd)(1 − md)', () => {
    // 5280 × (1 − 0.9 × 0.8) = 5280 × 0.28 = 1478.40
    const priced = priceLine(line('graduated', 25, { duration: subscription, discountPercent: '20' }));
    expect(priced).toMatchObject({ gross: '5280.00', discount: '1478.40', subtotal: '3801.60' });
  });

  it('rounds half-up to 2 dp per line and gives the effective unit price in 4 dp', () => {
    const ladder: PriceBand[] = [{ minQty: 1, maxQty: null, unitPrice: '0.3333' }];
    // 7 × 0.3333 = 2.3331 -> 2.33; 0.3333 effective
    expect(priceLine({ ...line('graduated', 7), tiers: ladder })).toMatchObject({
      gross: '2.33',
      unitPriceEffective: '0.3333',
    });
    const half: PriceBand[] = [{ minQty: 1, maxQty: null, unitPrice: '0.0050' }];
    expect(priceLine({ ...line('volume', 1), tiers: half }).gross).toBe('0.01');
    // 220 / 25 = 8.8; 426 / 51 = 8.35294… -> 8.3529
    expect(priceLine(line('graduated', 25)).unitPriceEffective).toBe('8.8000');
    expect(priceLine(line('graduated', 51)).unitPriceEffective).toBe('8.3529');
  });

  it('refuses a quantity beyond a closed ladder (the caller checks ladderCovers first)', () => {
    const closed: PriceBand[] = [{ minQty: 1, maxQty: 10, unitPrice: '1' }];
    expect(() => priceLine({ ...line('graduated', 11), tiers: closed })).toThrow(RangeError);
    expect(() => priceLine({ ...line('volume', 11), tiers: closed })).toThrow(RangeError);
  });
});

describe('sumLines', () => {
  it('sums the rounded lines into the document totals', () => {
    const lines = [
      priceLine(line('graduated', 25, { tax: { ratePercent: '10', inclusive: false } })),
      priceLine(line('volume', 11, { tax: { ratePercent: '10', inclusive: true } })),
    ];
    expect(sumLines(lines)).toEqual({ subtotal: '308.00', discount: '0.00', tax: '30.00', total: '330.00' });
  });
});

describe('priceLine: properties', () => {
  /** A decimal string with up to `scale` decimals, from an integer number of 10^-scale units. */
  const decimal = (maxUnits: number, scale: number) =>
    fc.integer({ min: 0, max: maxUnits }).map((units) => (units / 10 ** scale).toFixed(scale));
  const unitPrice = decimal(100_000_000, 4);
  const percent = decimal(10_000, 2);
  const taxRate = decimal(100_000, 3);

  /** A valid ladder: contiguous from 1, 1..5 bands, the last one open. */
  const openLadder = fc
    .array(fc.record({ width: fc.integer({ min: 1, max: 50 }), unitPrice }), { minLength: 1, maxLength: 5 })
    .map((bands) => {
      let next = 1;
      return bands.map((band, i): PriceBand => {
        const minQty = next;
        next += band.width;
        return { minQty, maxQty: i === bands.length - 1 ? null : next - 1, unitPrice: band.unitPrice };
      });
    });

  const terms = fc.record({
    tierMode: fc.constantFrom<TierMode>('graduated', 'volume'),
    duration: fc.option(fc.record({ months: fc.integer({ min: 1, max: 120 }), discountPercent: percent }), {
      nil: null,
    }),
    discountPercent: percent,
    tax: fc.record({ ratePercent: taxRate, inclusive: fc.boolean() }),
  });
  const quantity = fc.integer({ min: 1, max: 1_000_000 });

  const money = (value: string) => expect(value).toMatch(/^\d+\.\d{2}$/);
  /** Amounts as integer cents: exact comparisons without floats. */
  const cents = (value: string) => BigInt(value.replace('.', ''));

  it('graduated totals never decrease when the quantity grows', () => {
    fc.assert(
      fc.property(openLadder, terms, quantity, quantity, (tiers, t, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const total = (q: number) =>
          cents(priceLine({ ...t, tierMode: 'graduated', tiers, quantity: q }).total);
        expect(total(high) >= total(low)).toBe(true);
      }),
    );
  });

  it('a one-band ladder prices graduated and volume alike', () => {
    fc.assert(
      fc.property(unitPrice, terms, quantity, (price, t, q) => {
        const tiers: PriceBand[] = [{ minQty: 1, maxQty: null, unitPrice: price }];
        expect(priceLine({ ...t, tierMode: 'graduated', tiers, quantity: q })).toEqual(
          priceLine({ ...t, tierMode: 'volume', tiers, quantity: q }),
        );
      }),
    );
  });

  it('line total = subtotal + tax (exclusive) or subtotal (inclusive); subtotal = gross − discount', () => {
    fc.assert(
      fc.property(openLadder, terms, quantity, (tiers, t, q) => {
        const priced = priceLine({ ...t, tiers, quantity: q });
        expect(cents(priced.subtotal)).toBe(cents(priced.gross) - cents(priced.discount));
        expect(cents(priced.total)).toBe(
          t.tax.inclusive ? cents(priced.subtotal) : cents(priced.subtotal) + cents(priced.tax),
        );
      }),
    );
  });

  it('document totals are the sums of the lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(openLadder, terms, quantity), { minLength: 1, maxLength: 8 }),
        (inputs) => {
          const lines = inputs.map(([tiers, t, q]) => priceLine({ ...t, tiers, quantity: q }));
          const totals = sumLines(lines);
          for (const field of ['subtotal', 'discount', 'tax', 'total'] as const) {
            expect(cents(totals[field])).toBe(lines.reduce((sum, l) => sum + cents(l[field]), 0n));
          }
        },
      ),
    );
  });

  it('no amount has more than 2 decimals (unit prices 4, tax rates 3)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(openLadder, terms, quantity), { minLength: 1, maxLength: 4 }),
        (inputs) => {
          const lines = inputs.map(([tiers, t, q]) => priceLine({ ...t, tiers, quantity: q }));
          for (const priced of lines) {
            [priced.gross, priced.discount, priced.subtotal, priced.tax, priced.total].forEach(money);
            priced.bands.forEach((band) => money(band.amount));
            expect(priced.unitPriceEffective).toMatch(/^\d+\.\d{4}$/);
            expect(priced.taxRate).toMatch(/^\d+\.\d{3}$/);
          }
          Object.values(sumLines(lines)).forEach(money);
        },
      ),
    );
  });
});
