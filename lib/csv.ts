/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF, a field quoted when it holds a comma, a quote, CR or
 * LF, with its quotes doubled. Null is an empty field. A field starting with =, +, - or @ is left as it is: the
 * amounts here are negative numbers, which a spreadsheet must read as numbers.
 *
 * @example toCsv(['a', 'b'], [['x,y', 1]]) // 'a,b\r\n"x,y",1\r\n'
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
