/** "$1,234.56" or "-$12.00" as minor units (USD has two decimals), read as digits: no float ever holds it. */
export function minorFromMoneyText(text: string): number {
  const digits = text.replace(/[^\d]/g, '');
  if (digits === '') throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return (text.includes('-') ? -1 : 1) * Number(digits);
}
