import { z } from 'zod';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';

/** The value types every API answer uses: instants with an offset, calendar dates, money as text and minor units. */

export const instant = z.iso.datetime({ offset: true }).meta({ description: 'An instant, ISO 8601 with its offset', example: '2026-03-10T14:00:00.000Z' });

export const calendarDay = z.iso.date().meta({ description: 'A calendar date', example: '2026-03-10' });

export const recordIdValue = z.number().int().positive().meta({ description: 'A record id' });

export const currency = z.string().regex(/^[A-Z]{3}$/).meta({ description: 'ISO 4217 code of the company’s currency', example: 'USD' });

export const decimalAmount = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: 'An amount in the currency, as a decimal string', example: '1250.00' });

export const minorAmount = z.number().int().meta({ description: 'The same amount in the currency’s minor units (cents)', example: 125000 });

/**
 * A total that may pass Number.MAX_SAFE_INTEGER (a report sums many documents): a JSON integer while it is a safe
 * integer, else the same digits as a string, so that no JSON parser rounds it to a double. Its decimal string
 * beside it is always exact.
 */
export const exactMinorAmount = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)])
  .meta({
    description:
      'The same amount in the currency’s minor units: a JSON integer while it is a safe integer (|n| ≤ 2^53 − 1), beyond that the exact digits as a string, so that no parser rounds it',
    example: 125000,
  });

/** A bigint total as `exactMinorAmount` shows it. */
export function exactMinorOf(minor: bigint): number | string {
  return minor >= BigInt(Number.MIN_SAFE_INTEGER) && minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : minor.toString();
}

/** An amount as the API shows it: `{ amount: '1250.00' }` beside `{ amountMinor: 125000 }`. */
export function decimalOf(minor: number | bigint, currencyCode: string): string {
  return toDecimalString(minor, currencyMinorDigits(currencyCode));
}

/** `{ [name]: '1250.00', [name + 'Minor']: 125000 }`: an amount of the company's currency under `name`. */
export function amountOf<N extends string>(name: N, minor: number, currencyCode: string) {
  return { [name]: decimalOf(minor, currencyCode), [`${name}Minor`]: minor } as Record<N, string> & Record<`${N}Minor`, number>;
}

export function instantOf(date: Date): string {
  return date.toISOString();
}
