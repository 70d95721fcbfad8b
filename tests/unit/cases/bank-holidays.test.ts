import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS, BANK_HOLIDAY_YEARS } from '../../../shared/cases/working-calendar';

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm: an independent check of the data. */
const easterSunday = (year: number): DateTime => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
};

const YEARS = Array.from({ length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 }, (_, i) => BANK_HOLIDAY_YEARS.first + i);
const datesIn = (year: number): string[] => BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
const mondays = (year: number, month: number): string[] => {
  const out: string[] = [];
  for (let d = DateTime.utc(year, month, 1); d.month === month; d = d.plus({ days: 1 })) if (d.weekday === 1) out.push(d.toISODate()!);
  return out;
};

/** The substitute-day rule for a fixed holiday pair or single day, written out independently of the data. */
const christmasPair = (year: number): string[] => {
  const weekday = DateTime.utc(year, 12, 25).weekday;
  if (weekday === 6) return [`${year}-12-27`, `${year}-12-28`];
  if (weekday === 7) return [`${year}-12-26`, `${year}-12-27`];
  if (weekday === 5) return [`${year}-12-25`, `${year}-12-28`];
  return [`${year}-12-25`, `${year}-12-26`];
};
const newYear = (year: number): string => {
  const d = DateTime.utc(year, 1, 1);
  return (d.weekday === 6 ? d.plus({ days: 2 }) : d.weekday === 7 ? d.plus({ days: 1 }) : d).toISODate()!;
};

describe('England-and-Wales bank holiday data', () => {
  it('covers 2024 to 2030 with the eight usual bank holidays a year, each on a weekday', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2024, last: 2030 });
    for (const year of YEARS) expect(datesIn(year), String(year)).toHaveLength(8);
    for (const h of BANK_HOLIDAYS) expect(DateTime.fromISO(h.date).weekday, h.date).toBeLessThanOrEqual(5);
  });

  it('has Good Friday and Easter Monday where the Easter algorithm puts them', () => {
    for (const year of YEARS) {
      const easter = easterSunday(year);
      expect(datesIn(year), String(year)).toContain(easter.minus({ days: 2 }).toISODate());
      expect(datesIn(year), String(year)).toContain(easter.plus({ days: 1 }).toISODate());
    }
  });

  it('has the first and last Monday of May and the last Monday of August', () => {
    for (const year of YEARS) {
      expect(datesIn(year)).toContain(mondays(year, 5)[0]);
      expect(datesIn(year)).toContain(mondays(year, 5).at(-1));
      expect(datesIn(year)).toContain(mondays(year, 8).at(-1));
    }
  });

  it("moves New Year's Day, Christmas Day and Boxing Day off weekends onto substitute days", () => {
    for (const year of YEARS) {
      expect(datesIn(year)).toContain(newYear(year));
      for (const date of christmasPair(year)) expect(datesIn(year)).toContain(date);
    }
    const substitutes = BANK_HOLIDAYS.filter((h) => h.notes === 'Substitute day').map((h) => h.date);
    expect(substitutes).toEqual(['2026-12-28', '2027-12-27', '2027-12-28', '2028-01-03']);
  });

  it('matches the published 2026 and 2027 lists exactly', () => {
    expect(datesIn(2026)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    ]);
    expect(datesIn(2027)).toEqual([
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
    ]);
  });
});
