/** Texts remembered: a midnight herd advances a million rules to a handful of instants, far fewer than this. */
const MAX_CACHED_TEXTS = 10_000;
const instantTexts = new Map<number, string>();

/**
 * `date.toISOString()`, remembered: a midnight herd advances a million rules to a handful of instants (`runAtFor`),
 * and formatting each again is a measurable part of the sweep.
 *
 * @example instantText(new Date(Date.UTC(2026, 2, 31, 4))) // '2026-03-31T04:00:00.000Z'
 */
export function instantText(date: Date): string {
  const ms = date.getTime();
  let text = instantTexts.get(ms);
  if (text === undefined) {
    text = date.toISOString();
    if (instantTexts.size >= MAX_CACHED_TEXTS) instantTexts.clear();
    instantTexts.set(ms, text);
  }
  return text;
}
