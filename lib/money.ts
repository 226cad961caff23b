import { fieldError } from '@/lib/errors';

/**
 * Money is an integer of minor units (cents for USD, yen for JPY). Amounts enter as the decimal string a person
 * typed and are converted with integer arithmetic only: no float ever holds an amount.
 */

/**
 * The largest amount accepted, in minor units: a JS number holds it exactly, and so does any sum of a few of them,
 * but a sum of 91 passes Number.MAX_SAFE_INTEGER: totals over many documents are bigint (lib/ledger/reports.ts).
 */
export const MAX_AMOUNT_MINOR = 999_999_999_999_99; // 999,999,999,999.99 in a two-decimal currency

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);
}

/**
 * Building a NumberFormat costs tens of microseconds: an API page of 50 rules asked it over a hundred times. A
 * code Intl refuses throws before it is remembered, so the map only holds real currencies (a few hundred at most).
 */
const minorDigitsByCurrency = new Map<string, number>();

/** Decimal places of a currency's minor unit: USD 2, JPY 0, BHD 3. */
export function currencyMinorDigits(currency: string): number {
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}


type ParsedMoney = { ok: true; minor: number } | { ok: false; message: string };

const AMOUNT_SHAPE = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses a positive decimal amount into minor units.
 *
 * @example parseMoney('1,000.50', 2) // { ok: true, minor: 100050 }
 * @example parseMoney('12.345', 2)   // { ok: false, message: 'Use at most 2 decimal places' }
 */
function parseMoney(input: string, minorDigits: number): ParsedMoney {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter an amount' };
  if (text.startsWith('-')) return { ok: false, message: 'The amount must be greater than zero' };
  const match = AMOUNT_SHAPE.exec(text);
  if (!match) return { ok: false, message: 'Enter an amount like 1234.56' };
  const [whole = '0', fraction = ''] = text.replaceAll(',', '').split('.');
  if (fraction.length > minorDigits) {
    return {
      ok: false,
      message: minorDigits === 0 ? 'This currency has no decimal places' : `Use at most ${minorDigits} decimal places`,
    };
  }
  const minor = BigInt(whole) * 10n ** BigInt(minorDigits) + BigInt(fraction.padEnd(minorDigits, '0') || '0');
  if (minor <= 0n) return { ok: false, message: 'The amount must be greater than zero' };
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, message: 'The amount is too large' };
  return { ok: true, minor: Number(minor) };
}

/** What is wrong with `text` as an amount of `currency` (the message `amountMinorOrThrow` gives), or null when nothing is. */
export function amountProblem(text: string, currency: string): string | null {
  const parsed = parseMoney(text, currencyMinorDigits(currency));
  return parsed.ok ? null : parsed.message;
}

/** `parseMoney` for an amount typed for a company: its minor units, or a field error on `field` naming the problem. */
export function amountMinorOrThrow(text: string, currency: string, field = 'amount'): number {
  const parsed = parseMoney(text, currencyMinorDigits(currency));
  if (!parsed.ok) throw fieldError(field, parsed.message);
  return parsed.minor;
}

/**
 * The exact decimal string of a minor-unit amount: `toDecimalString(-12345, 2)` is `'-123.45'`. A total may be a
 * bigint of any size; a number must be a safe integer.
 */
export function toDecimalString(minor: number | bigint, minorDigits: number): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new RangeError(`not a safe integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const digits = (minor < 0 ? -BigInt(minor) : BigInt(minor)).toString().padStart(minorDigits + 1, '0');
  if (minorDigits === 0) return sign + digits;
  return `${sign}${digits.slice(0, -minorDigits)}.${digits.slice(-minorDigits)}`;
}

/** Formats minor units for people, e.g. `$1,234.56`; the decimal string is formatted, never a float. */
export function formatMoney(minor: number | bigint, currency: string, locale = 'en-US'): string {
  const digits = currencyMinorDigits(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency }).format as (value: string) => string;
  return format(toDecimalString(minor, digits));
}
