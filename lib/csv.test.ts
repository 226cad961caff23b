import { describe, expect, it } from 'vitest';
import { csvResponse, toCsv } from './csv';

describe('toCsv', () => {
  it('writes CRLF records and quotes only the fields RFC 4180 needs quoted, doubling their quotes', () => {
    expect(toCsv(['Number', 'Memo', 'Amount'], [['INV-000001', 'Plain', '1250.00']])).toBe('Number,Memo,Amount\r\nINV-000001,Plain,1250.00\r\n');
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines'], ['cr\rhere']])).toBe('a\r\n"x,y"\r\n"say ""hi"""\r\n"two\nlines"\r\n"cr\rhere"\r\n');
  });

  it('writes null as an empty field and numbers as they are', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, 42, -7]])).toBe('a,b,c\r\n,42,-7\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves a negative decimal amount alone', () => {
    expect(toCsv(['a'], [['=SUM(A1:A2)'], ['+1'], ['@cmd'], ['-x'], ['\tTab'], ['-12.50'], ['-3']])).toBe(
      "a\r\n'=SUM(A1:A2)\r\n'+1\r\n'@cmd\r\n'-x\r\n'\tTab\r\n-12.50\r\n-3\r\n",
    );
    // A formula holding a comma is both defused and quoted.
    expect(toCsv(['a'], [['=1,2']])).toBe('a\r\n"\'=1,2"\r\n');
  });
});

describe('csvResponse', () => {
  it('streams the header and then each batch, as text/csv to download', async () => {
    async function* batches() {
      yield [['INV-000001', '10.00']];
      yield [['INV-000002', '20.00'], ['INV-000003', null]];
    }
    const response = csvResponse('invoices 2026.csv', ['Number', 'Amount'], batches());
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoices_2026.csv"');
    expect(await response.text()).toBe('Number,Amount\r\nINV-000001,10.00\r\nINV-000002,20.00\r\nINV-000003,\r\n');
  });
});
