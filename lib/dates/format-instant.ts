/**
 * Formats an instant for people in a company's zone, on the server (client-side formatting would use the
 * browser's zone and mismatch on hydration). `formatInstant(d, 'America/New_York')` → "Dec 1, 2026, 12:00 AM EST".
 */
export function formatInstant(instant: Date | string | null, timeZone?: string | null): string {
  if (instant === null) return '—';
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone ?? 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
