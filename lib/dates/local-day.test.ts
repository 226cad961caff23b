import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay, todayInZone } from './calendar-date';
import { isValidTimeZone, startOfLocalDay } from './local-day';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const iso = (date: string, timeZone?: string) => startOfLocalDay(date, timeZone).toISOString();

/**
 * Brute-force oracle, independent of the offset search: the earliest instant whose local date is `date` or later.
 * Walks forward in 15-minute steps from 16 h before UTC midnight (no zone has been ahead of UTC by more than 14 h
 * since 1900, so that instant is always on an earlier local date), then bisects the step that crosses over.
 */
function bruteForceStartOfDay(date: string, timeZone: string): number {
  const reached = (instantMs: number) => todayInZone(new Date(instantMs), timeZone) >= date;
  let before = toEpochDay(date) * MS_PER_DAY - 16 * MS_PER_HOUR;
  expect(reached(before)).toBe(false);
  let after = before + 15 * MS_PER_MINUTE;
  while (!reached(after)) {
    before = after;
    after += 15 * MS_PER_MINUTE;
  }
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2);
    if (reached(middle)) after = middle;
    else before = middle;
  }
  return after;
}

/** What every answer must satisfy: it is on `date` (or the next day if `date` never happened), the ms before is not. */
function expectStartsLocalDay(date: string, timeZone: string) {
  const start = startOfLocalDay(date, timeZone).getTime();
  const localDate = todayInZone(new Date(start), timeZone);
  if (localDate !== date) expect(localDate).toBe(addDays(date, 1)); // a wholly skipped day, e.g. Pacific/Apia
  expect(todayInZone(new Date(start - 1), timeZone) < date).toBe(true);
  expect(start).toBe(bruteForceStartOfDay(date, timeZone));
}

describe('startOfLocalDay without a zone, or in UTC', () => {
  it('is UTC midnight', () => {
    expect(iso('2024-06-01')).toBe('2024-06-01T00:00:00.000Z');
    expect(iso('2024-06-01', undefined)).toBe('2024-06-01T00:00:00.000Z');
    expect(iso('2024-06-01', 'UTC')).toBe('2024-06-01T00:00:00.000Z');
    expect(iso('2024-02-29', 'Etc/UTC')).toBe('2024-02-29T00:00:00.000Z');
    expect(iso('0001-01-01')).toBe('0001-01-01T00:00:00.000Z');
  });
});

describe('startOfLocalDay on ordinary and DST days', () => {
  it('America/New_York: DST changes at 02:00 leave midnight alone', () => {
    expect(iso('2024-01-15', 'America/New_York')).toBe('2024-01-15T05:00:00.000Z'); // EST -05
    expect(iso('2024-07-04', 'America/New_York')).toBe('2024-07-04T04:00:00.000Z'); // EDT -04
    expect(iso('2024-03-10', 'America/New_York')).toBe('2024-03-10T05:00:00.000Z'); // springs forward at 02:00
    expect(iso('2024-03-11', 'America/New_York')).toBe('2024-03-11T04:00:00.000Z');
    expect(iso('2024-11-03', 'America/New_York')).toBe('2024-11-03T04:00:00.000Z'); // falls back at 02:00
    expect(iso('2024-11-04', 'America/New_York')).toBe('2024-11-04T05:00:00.000Z');
  });

  it('Asia/Kolkata: a half-hour offset with no DST', () => {
    expect(iso('2024-01-01', 'Asia/Kolkata')).toBe('2023-12-31T18:30:00.000Z');
  });

  it('Australia/Lord_Howe: 30-minute DST that changes at 02:00', () => {
    // Apr 7 2024: 02:00 +11 → 01:30 +10:30.  Oct 6 2024: 02:00 +10:30 → 02:30 +11.
    expect(iso('2024-04-06', 'Australia/Lord_Howe')).toBe('2024-04-05T13:00:00.000Z'); // +11
    expect(iso('2024-04-07', 'Australia/Lord_Howe')).toBe('2024-04-06T13:00:00.000Z'); // still +11 at midnight
    expect(iso('2024-04-08', 'Australia/Lord_Howe')).toBe('2024-04-07T13:30:00.000Z'); // +10:30
    expect(iso('2024-10-05', 'Australia/Lord_Howe')).toBe('2024-10-04T13:30:00.000Z'); // +10:30
    expect(iso('2024-10-06', 'Australia/Lord_Howe')).toBe('2024-10-05T13:30:00.000Z'); // still +10:30 at midnight
    expect(iso('2024-10-07', 'Australia/Lord_Howe')).toBe('2024-10-06T13:00:00.000Z'); // +11
  });
});

describe('startOfLocalDay when midnight is skipped', () => {
  it('America/Santiago 2024-09-08 starts at 01:00 -03, the first instant that exists', () => {
    //   2024-09-07 23:59:59 -04  (2024-09-08T03:59:59Z)
    //   2024-09-08 01:00:00 -03  (2024-09-08T04:00:00Z)   ← 00:00–00:59 never happened
    expect(iso('2024-09-07', 'America/Santiago')).toBe('2024-09-07T04:00:00.000Z');
    expect(iso('2024-09-08', 'America/Santiago')).toBe('2024-09-08T04:00:00.000Z');
    expect(iso('2024-09-09', 'America/Santiago')).toBe('2024-09-09T03:00:00.000Z');
  });

  it('America/Santiago 2024-04-07: clocks go back at 24:00, repeating 23:00 on the 6th, not midnight', () => {
    //   2024-04-06 23:59:59 -03  (2024-04-07T02:59:59Z)
    //   2024-04-06 23:00:00 -04  (2024-04-07T03:00:00Z)   ← the 6th's last hour happens twice
    //   2024-04-07 00:00:00 -04  (2024-04-07T04:00:00Z)
    expect(iso('2024-04-06', 'America/Santiago')).toBe('2024-04-06T03:00:00.000Z');
    expect(iso('2024-04-07', 'America/Santiago')).toBe('2024-04-07T04:00:00.000Z');
  });

  it('Antarctica/Casey 2016-10-22 starts at 03:00 +11', () => {
    expect(iso('2016-10-22', 'Antarctica/Casey')).toBe('2016-10-21T16:00:00.000Z');
  });
});

describe('startOfLocalDay when midnight happens twice', () => {
  it('Atlantic/Azores 2024-10-27 takes the earlier midnight', () => {
    //   2024-10-27 00:00:00 +00  (2024-10-27T00:00:00Z)   ← chosen
    //   2024-10-27 00:59:59 +00  (2024-10-27T00:59:59Z)
    //   2024-10-27 00:00:00 -01  (2024-10-27T01:00:00Z)   ← the repeat (luxon's answer)
    expect(iso('2024-10-26', 'Atlantic/Azores')).toBe('2024-10-26T00:00:00.000Z');
    expect(iso('2024-10-27', 'Atlantic/Azores')).toBe('2024-10-27T00:00:00.000Z');
    expect(iso('2024-10-28', 'Atlantic/Azores')).toBe('2024-10-28T01:00:00.000Z');
  });

  it('America/Havana 2024-11-03 takes the earlier midnight (01:00 CDT → 00:00 CST)', () => {
    expect(iso('2024-11-03', 'America/Havana')).toBe('2024-11-03T04:00:00.000Z'); // not 05:00Z
    expect(iso('2024-11-04', 'America/Havana')).toBe('2024-11-04T05:00:00.000Z');
  });
});

describe('startOfLocalDay when the whole day is skipped', () => {
  it('Pacific/Apia 2011-12-30 begins where 2011-12-31 begins: the instant of the jump', () => {
    //   2011-12-29 23:59:59 -10  (2011-12-30T09:59:59Z)
    //   2011-12-31 00:00:00 +14  (2011-12-30T10:00:00Z)   ← Friday 30th never happened
    expect(iso('2011-12-29', 'Pacific/Apia')).toBe('2011-12-29T10:00:00.000Z');
    expect(iso('2011-12-30', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
    expect(iso('2011-12-31', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
    expect(iso('2012-01-01', 'Pacific/Apia')).toBe('2011-12-31T10:00:00.000Z');
  });
});

describe('startOfLocalDay input checks', () => {
  it('rejects unknown zones and invalid dates', () => {
    expect(() => startOfLocalDay('2024-01-01', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => startOfLocalDay('2024-02-30', 'Europe/Paris')).toThrow(RangeError);
  });

  it('isValidTimeZone', () => {
    expect(isValidTimeZone('America/Santiago')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+05:30')).toBe(false);
  });
});

// The first skipped and first repeated local midnight (2000–2100) of every zone that has one, found by scanning all
// IANA zones. Each is checked with its neighbours against the brute-force oracle.
const TRICKY_DAYS: Array<[zone: string, date: string]> = [
  ['America/Goose_Bay', '2000-10-29'],
  ['America/Havana', '2000-10-29'],
  ['America/Managua', '2006-10-01'],
  ['America/Moncton', '2000-10-29'],
  ['America/Scoresbysund', '2000-10-29'],
  ['America/St_Johns', '2000-10-29'],
  ['Antarctica/Casey', '2010-03-05'],
  ['Antarctica/Davis', '2009-10-18'],
  ['Antarctica/Vostok', '2023-12-18'],
  ['Asia/Amman', '2000-09-29'],
  ['Asia/Chita', '2014-10-26'],
  ['Asia/Colombo', '2006-04-15'],
  ['Asia/Gaza', '2004-10-01'],
  ['Asia/Hebron', '2004-10-01'],
  ['Asia/Jerusalem', '2000-10-06'],
  ['Asia/Magadan', '2014-10-26'],
  ['Atlantic/Azores', '2000-10-29'],
  ['Africa/Cairo', '2000-04-28'],
  ['Africa/Casablanca', '2008-06-01'],
  ['Africa/El_Aaiun', '2008-06-01'],
  ['Africa/Tunis', '2005-05-01'],
  ['America/Araguaina', '2000-10-08'],
  ['America/Argentina/La_Rioja', '2004-06-20'],
  ['America/Argentina/Rio_Gallegos', '2004-06-20'],
  ['America/Argentina/Salta', '2007-12-30'],
  ['America/Argentina/San_Juan', '2004-07-25'],
  ['America/Argentina/San_Luis', '2004-07-25'],
  ['America/Argentina/Tucuman', '2004-06-13'],
  ['America/Argentina/Ushuaia', '2004-06-20'],
  ['America/Asuncion', '2000-10-01'],
  ['America/Bahia', '2000-10-08'],
  ['America/Boa_Vista', '2000-10-08'],
  ['America/Buenos_Aires', '2007-12-30'],
  ['America/Campo_Grande', '2000-10-08'],
  ['America/Catamarca', '2004-06-20'],
  ['America/Cordoba', '2007-12-30'],
  ['America/Coyhaique', '2000-10-15'],
  ['America/Cuiaba', '2000-10-08'],
  ['America/Eirunepe', '2008-06-24'],
  ['America/Fortaleza', '2000-10-08'],
  ['America/Guatemala', '2006-04-30'],
  ['America/Havana', '2000-04-02'],
  ['America/Jujuy', '2007-12-30'],
  ['America/Maceio', '2000-10-08'],
  ['America/Managua', '2005-04-10'],
  ['America/Mendoza', '2004-09-26'],
  ['America/Montevideo', '2004-09-19'],
  ['America/Noronha', '2000-10-08'],
  ['America/Port-au-Prince', '2005-04-03'],
  ['America/Punta_Arenas', '2000-10-15'],
  ['America/Recife', '2000-10-08'],
  ['America/Rio_Branco', '2008-06-24'],
  ['America/Santarem', '2008-06-24'],
  ['America/Santiago', '2000-10-15'],
  ['America/Sao_Paulo', '2000-10-08'],
  ['America/Scoresbysund', '2000-03-26'],
  ['America/Tegucigalpa', '2006-05-07'],
  ['Antarctica/Casey', '2016-10-22'],
  ['Antarctica/Palmer', '2000-10-15'],
  ['Asia/Amman', '2000-03-30'],
  ['Asia/Beirut', '2000-03-26'],
  ['Asia/Damascus', '2000-04-01'],
  ['Asia/Dili', '2000-09-17'],
  ['Asia/Gaza', '2000-04-21'],
  ['Asia/Hebron', '2000-04-21'],
  ['Asia/Karachi', '2002-04-07'],
  ['Asia/Khandyga', '2004-01-01'],
  ['Asia/Tbilisi', '2000-03-26'],
  ['Asia/Tehran', '2000-03-21'],
  ['Atlantic/Azores', '2000-03-26'],
  ['Atlantic/Stanley', '2000-09-10'],
  ['Pacific/Apia', '2010-09-26'],
  ['Pacific/Fakaofo', '2011-12-30'],
];

describe('startOfLocalDay against a brute-force scan', () => {
  it.each(TRICKY_DAYS)('%s %s and its neighbours', (zone, date) => {
    for (const day of [addDays(date, -1), date, addDays(date, 1)]) expectStartsLocalDay(day, zone);
  });

  it('holds for random zones and dates 1900–2100', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }),
        (zone, epochDay) => expectStartsLocalDay(fromEpochDay(epochDay), zone),
      ),
      { numRuns: 300 },
    );
  });
});
