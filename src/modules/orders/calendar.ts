/**
 * Calendar dates (`YYYY-MM-DD`) as SPEC §1 means them: "today" is the company's local date, and
 * contract terms add calendar months. Plain strings compare in date order, so no Date objects (and
 * no server time zone) are involved.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date at `instant` in an IANA time zone. */
export function localDate(timeZone: string, instant: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` + `months` calendar months, clamped to the month's end: 2026-01-31 + 1 = 2026-02-28. */
export function addMonths(date: string, months: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  const [year, month, day] = match.slice(1).map(Number);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}-${String(newDay).padStart(2, '0')}`;
}

/** `date` + `days` days. */
export function addDays(date: string, days: number): string {
  if (!DATE.test(date)) throw new RangeError(`Not a date: ${date}`);
  const instant = new Date(`${date}T00:00:00.000Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar date `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
