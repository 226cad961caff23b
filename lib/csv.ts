/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field quoted (its quotes
 * doubled) when it holds a comma, a quote, a CR or a LF. Amounts arrive as decimal strings and dates as ISO
 * strings from the caller: nothing here formats a value, so a file reads the same in every locale.
 *
 * A text field that starts with `=`, `+`, `-`, `@`, a tab or a CR would run as a formula when a spreadsheet opens
 * the file (CSV injection): it gets a leading `'`. A plain decimal number such as a negative balance ("-12.50")
 * is data, not a formula, and stays as it is.
 *
 * @example toCsv(['Number', 'Amount'], [['INV-000001', '1250.00']]) // 'Number,Amount\r\nINV-000001,1250.00\r\n'
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when RFC 4180 needs it; null is an empty field. */
function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) && !DECIMAL.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: the header, then every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvLine(header) + rows.map(csvLine).join('');
}

/**
 * A streaming `text/csv` response: the header, then each batch of rows as the source yields it, so an export of
 * 100,000 documents never holds them all. `filename` is the name the browser saves it under.
 */
export function csvResponse(filename: string, header: readonly string[], batches: AsyncIterable<readonly (readonly CsvCell[])[]>): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(csvLine).join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
