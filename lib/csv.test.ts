import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('joins fields with commas and ends every record, the last too, with CRLF', () => {
    expect(toCsv(['Account', 'Amount'], [['4100 · Consulting', '1,000.00'], ['Total', -5], ['Empty', null]])).toBe(
      'Account,Amount\r\n4100 · Consulting,"1,000.00"\r\nTotal,-5\r\nEmpty,\r\n',
    );
  });

  it('quotes a field holding a quote, a comma, CR or LF, and doubles its quotes', () => {
    expect(toCsv(['memo'], [['He said "hi"'], ['a\r\nb'], ['line\nbreak']])).toBe('memo\r\n"He said ""hi"""\r\n"a\r\nb"\r\n"line\nbreak"\r\n');
  });
});
