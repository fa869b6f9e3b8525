import { addDays, addMonths, isCalendarDate, localDate } from './calendar';

describe('calendar', () => {
  describe('addMonths', () => {
    it.each([
      ['2026-01-15', 1, '2026-02-15'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2028-01-31', 1, '2028-02-29'],
      ['2026-03-31', 1, '2026-04-30'],
      ['2026-08-31', 6, '2027-02-28'],
      ['2026-11-30', 3, '2027-02-28'],
      ['2026-12-01', 12, '2027-12-01'],
      ['2026-05-31', 120, '2036-05-31'],
      ['2026-02-28', 1, '2026-03-28'],
    ])('%s + %i months = %s', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });

    it('refuses what is not a date', () => {
      expect(() => addMonths('2026-1-5', 1)).toThrow(RangeError);
    });
  });

  describe('addDays', () => {
    it('crosses month and year ends', () => {
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    });
  });

  describe('localDate', () => {
    const instant = new Date('2026-03-01T20:30:00.000Z');

    it('is the date in the time zone, not in UTC', () => {
      expect(localDate('UTC', instant)).toBe('2026-03-01');
      expect(localDate('Australia/Sydney', instant)).toBe('2026-03-02');
      expect(localDate('Pacific/Honolulu', new Date('2026-03-01T05:00:00.000Z'))).toBe('2026-02-28');
    });
  });

  describe('isCalendarDate', () => {
    it.each([
      ['2026-02-28', true],
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2026-13-01', false],
      ['2026-00-10', false],
      ['26-02-01', false],
      ['2026-02-01T00:00:00Z', false],
    ])('%s -> %s', (value, expected) => {
      expect(isCalendarDate(value)).toBe(expected);
    });
  });
});
