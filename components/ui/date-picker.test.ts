// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { calendarDateFromString, stringFromCalendarDate } from './calendar-date-value';
import { DatePicker } from './date-picker';

/*
 * The picker must hand back exactly the calendar date it was given, whatever the browser's zone. The zones are
 * chosen to break a picker that goes through a JS `Date`: Kiritimati is UTC+14 and Pago Pago UTC−11 (a UTC midnight
 * is another day there), Santiago's midnight is skipped on some days, Chatham is +12:45/+13:45. Year 1 breaks
 * `new Date(y, m, d)`, which reads years 0–99 as 1900–1999.
 */
const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Santiago', 'Pacific/Chatham'];
const EDGE_DATES = ['2027-01-31', '2024-02-29', '0001-01-01', '9999-12-31', '2024-09-08'];
/** ArrowDown on the day segment: the day before, wrapping to the month's last day from the 1st. */
const DAY_BEFORE_IN_MONTH: Record<string, string> = {
  '2027-01-31': '2027-01-30',
  '2024-02-29': '2024-02-28',
  '0001-01-01': '0001-01-31',
  '9999-12-31': '9999-12-30',
  '2024-09-08': '2024-09-07',
};
const ORIGINAL_TZ = process.env.TZ;

afterEach(cleanup);
afterAll(() => {
  process.env.TZ = ORIGINAL_TZ;
});

function renderInForm(props: Parameters<typeof DatePicker>[0]) {
  const changes: (string | null)[] = [];
  render(
    createElement('form', { 'aria-label': 'Test form' }, createElement(DatePicker, { ...props, onChange: (v: string | null) => changes.push(v) })),
  );
  const form = screen.getByRole('form', { name: 'Test form' }) as HTMLFormElement;
  return { form, changes, posted: () => new FormData(form).get(props.name ?? '') };
}

function segment(type: 'day' | 'month' | 'year'): HTMLElement {
  const found = screen.getAllByRole('spinbutton').find((el) => el.getAttribute('data-type') === type);
  if (!found) throw new Error(`no ${type} segment`);
  return found;
}

describe('calendarDateFromString / stringFromCalendarDate', () => {
  it.each(EDGE_DATES)('round-trips %s unchanged', (value) => {
    expect(stringFromCalendarDate(calendarDateFromString(value))).toBe(value);
  });

  it.each(['', '2023-02-29', '2024-13-01', '2024-1-01', '+002024-01-01', '2024-01-01T00:00'])('refuses %j as no date', (value) => {
    expect(calendarDateFromString(value)).toBeNull();
  });
});

describe.each(ZONES)('DatePicker with the process in %s', (zone) => {
  it('runs in that zone (the test would prove nothing otherwise)', () => {
    process.env.TZ = zone;
    const offsets = { UTC: 0, 'Pacific/Kiritimati': -840, 'Pacific/Pago_Pago': 660, 'America/Santiago': 180, 'Pacific/Chatham': -765 };
    // 2025-07-01 is winter in Santiago (−4) and Chatham (+12:45).
    expect(new Date(2025, 6, 1).getTimezoneOffset()).toBe(offsets[zone as keyof typeof offsets] + (zone === 'America/Santiago' ? 60 : 0));
  });

  it.each(EDGE_DATES)('posts %s unchanged in a plain form', (value) => {
    process.env.TZ = zone;
    const { posted } = renderInForm({ name: 'due', label: 'Due date', defaultValue: value });
    expect(posted()).toBe(value);
  });

  it.each(EDGE_DATES)('steps the day of %s down and back up by keyboard to the same date', async (value) => {
    process.env.TZ = zone;
    const user = userEvent.setup();
    const { changes, posted } = renderInForm({ name: 'due', label: 'Due date', defaultValue: value });
    act(() => segment('day').focus());
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowUp}');
    expect(changes).toEqual([DAY_BEFORE_IN_MONTH[value], value]);
    expect(posted()).toBe(value);
  });
});

describe('DatePicker', () => {
  it('steps Jan 31 up to Jan 1, and never commits a Feb 30: stepping Feb 29 up leaves the 29th posted', async () => {
    process.env.TZ = 'Pacific/Kiritimati';
    const user = userEvent.setup();
    const jan = renderInForm({ name: 'a', label: 'A', defaultValue: '2027-01-31' });
    act(() => segment('day').focus());
    await user.keyboard('{ArrowUp}');
    expect(jan.changes).toEqual(['2027-01-01']);
    cleanup();
    const feb = renderInForm({ name: 'b', label: 'B', defaultValue: '2024-02-29' });
    act(() => segment('day').focus());
    await user.keyboard('{ArrowUp}');
    expect(segment('day').getAttribute('aria-valuenow')).toBe('30');
    expect(feb.changes).toEqual([]);
    expect(feb.posted()).toBe('2024-02-29');
  });

  it('types a date segment by segment (month, day, year in en-US)', async () => {
    process.env.TZ = 'Pacific/Pago_Pago';
    const user = userEvent.setup();
    const { changes, posted } = renderInForm({ name: 'start', label: 'Start date' });
    expect(posted()).toBe('');
    act(() => segment('month').focus());
    await user.keyboard('01312027');
    expect(changes.at(-1)).toBe('2027-01-31');
    expect(posted()).toBe('2027-01-31');
  });

  it('follows a controlled value', () => {
    const { posted } = renderInForm({ name: 'c', label: 'C', value: '2024-02-29' });
    expect(posted()).toBe('2024-02-29');
    expect(segment('day').getAttribute('aria-valuenow')).toBe('29');
    expect(segment('month').getAttribute('aria-valuenow')).toBe('2');
    expect(segment('year').getAttribute('aria-valuenow')).toBe('2024');
  });

  it('marks the field invalid and describes it with the errors', () => {
    render(createElement(DatePicker, { name: 'd', label: 'Due date', defaultValue: '2024-02-29', errors: ['Must be on or after the issue date'] }));
    const group = screen.getByRole('group', { name: 'Due date' });
    const describedBy = (group.getAttribute('aria-describedby') ?? '').split(' ');
    const error = screen.getByText('Must be on or after the issue date');
    expect(describedBy).toContain(error.id);
  });

  it('server-renders the hidden input with the value, so a post before hydration (or without JS) carries it', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    const html = renderToString(createElement(DatePicker, { name: 'due', label: 'Due date', defaultValue: '0001-01-01' }));
    expect(html).toMatch(/<input[^>]*type="hidden"[^>]*name="due"[^>]*value="0001-01-01"/);
  });
});
