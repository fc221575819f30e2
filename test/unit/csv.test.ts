import { describe, expect, it } from 'vitest';
import { boundRowsToCsv, csvField, csvFileName, toCsv } from '../../lib/format/csv';

describe('csvField', () => {
  it('quotes a field with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('plain')).toBe('plain');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+cmd')).toBe("'+1+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tstarts with tab')).toBe("'\tstarts with tab");
    expect(csvField('\rstarts with CR')).toBe(`"'\rstarts with CR"`);
  });

  it('leaves a plain negative number a number, as a number or as Postgres numeric text', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField('-2.5')).toBe('-2.5');
    expect(csvField('-1e-7')).toBe('-1e-7');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('-')).toBe("'-");
    expect(csvField('-1-1')).toBe("'-1-1");
  });

  it('writes raw values: null empty, dates ISO, objects JSON, booleans and bigints as text', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(new Date('2026-10-01T00:00:00Z'))).toBe('2026-10-01T00:00:00.000Z');
    expect(csvField({ k: 1 })).toBe('"{""k"":1}"');
    expect(csvField(true)).toBe('true');
    expect(csvField(12345678901234567890n)).toBe('12345678901234567890');
  });
});

describe('toCsv', () => {
  it('writes a header in column order, CRLF line ends, and keeps unicode as it is', () => {
    const csv = toCsv(
      [{ key: 'b', label: 'Name, full' }, { key: 'a' }],
      [
        { a: 1, b: 'שלום 😀' },
        { a: -3, b: '=1+1' },
      ],
    );
    expect(csv).toBe(`"Name, full",a\r\nשלום 😀,1\r\n'=1+1,-3\r\n`);
  });

  it('neutralises a header that looks like a formula too', () => {
    expect(toCsv([{ key: '=x' }], [])).toBe("'=x\r\n");
  });

  it('takes the header from the result columns in select order', () => {
    const csv = boundRowsToCsv({
      query: 'q',
      columns: [{ name: 'z' }, { name: 'a' }],
      rows: [{ a: 'first', z: 'last' }],
      truncated: false,
    });
    expect(csv).toBe('z,a\r\nlast,first\r\n');
  });
});

describe('csvFileName', () => {
  it('keeps the title readable and replaces what file systems refuse', () => {
    expect(csvFileName('Win rate by rep')).toBe('Win rate by rep.csv');
    expect(csvFileName('a/b\\c:d*e?"f<g>h|')).toBe('a_b_c_d_e_f_g_h_.csv');
    expect(csvFileName('..hidden')).toBe('hidden.csv');
    expect(csvFileName('')).toBe('rows.csv');
  });
});
