/**
 * Which local dates are working days for a school: its working weekdays, minus England-and-Wales bank
 * holidays (shipped data, see bank-holidays.json) and the closure days the school configures.
 */
import type { DateTime } from 'luxon';
import type { SlaSettings } from '../domain/model';
import bankHolidayData from './bank-holidays.json';

export interface BankHoliday {
  /** Local date, YYYY-MM-DD. */
  date: string;
  title: string;
  /** "Substitute day" when the holiday moved off a weekend (GOV.UK's wording). */
  notes: string;
}

export const BANK_HOLIDAYS: readonly BankHoliday[] = bankHolidayData.events;
/** The years the shipped data covers; outside them only weekends and closure days are non-working. */
export const BANK_HOLIDAY_YEARS = { first: bankHolidayData.firstYear, last: bankHolidayData.lastYear } as const;

const BANK_HOLIDAY_DATES: ReadonlySet<string> = new Set(BANK_HOLIDAYS.map((h) => h.date));

export const isBankHoliday = (localDate: string): boolean => BANK_HOLIDAY_DATES.has(localDate);

export const calendarCovers = (year: number): boolean =>
  year >= BANK_HOLIDAY_YEARS.first && year <= BANK_HOLIDAY_YEARS.last;

export type WorkingDaySettings = Pick<SlaSettings, 'workingWeekdays' | 'closureDays'>;

export class WorkingCalendar {
  private readonly weekdays: ReadonlySet<number>;
  private readonly closures: ReadonlySet<string>;

  constructor(settings: WorkingDaySettings) {
    this.weekdays = new Set(settings.workingWeekdays);
    this.closures = new Set(settings.closureDays);
  }

  /** `day` must already be in the school's zone: the date that counts is the local one. */
  isWorkingDay(day: DateTime): boolean {
    const date = day.toISODate();
    if (date === null) throw new RangeError('isWorkingDay needs a valid date');
    return this.weekdays.has(day.weekday) && !isBankHoliday(date) && !this.closures.has(date);
  }

  /** Why a local day is not a working day, for explanations (null when it is one). */
  whyNotWorking(day: DateTime): string | null {
    const date = day.toISODate() ?? '';
    if (this.closures.has(date)) return 'a school closure day';
    const holiday = BANK_HOLIDAYS.find((h) => h.date === date);
    if (holiday) return `a bank holiday (${holiday.title}${holiday.notes ? `, ${holiday.notes.toLowerCase()}` : ''})`;
    if (!this.weekdays.has(day.weekday)) return `a ${day.toFormat('cccc')}`;
    return null;
  }
}
