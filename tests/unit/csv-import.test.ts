import { describe, expect, it } from 'vitest';
import { parseFiguresCsv, type CsvLookup, type CsvResult } from '../../app/features/analysis/csv-import.server.ts';

// CSV files as Excel writes them, as bytes: Windows-1252, UTF-8, UTF-16LE with tabs.

const GEMEENTEN = [
  ['GM0153', 'Enschede'],
  ['GM0164', 'Hengelo (O)'],
  ['GM1735', 'Hof van Twente'],
  ['GM0147', 'Borne'],
] as const;

const lookup: CsvLookup = {
  gemeenten: GEMEENTEN.map(([cbsCode, name]) => ({ workspaceId: `ws-${cbsCode}`, cbsCode, name })),
  allowed: new Set(GEMEENTEN.map(([code]) => `ws-${code}`)),
  indicators: [
    { id: 'bevolking', name: 'Inwoners', unit: 'aantal', isCount: true },
    { id: 'oekraiense-ontheemden', name: 'Oekraïense ontheemden', unit: 'aantal', isCount: true },
    { id: 'aandeel-ouderen', name: 'Aandeel ouderen', unit: 'procent', isCount: false },
    { id: 'wachtenden', name: 'Wachtenden per 1.000', unit: 'per_1000', isCount: false },
    { id: 'huur', name: 'Gemiddelde huur', unit: 'euro', isCount: false },
  ],
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (content: string | Uint8Array) => parseFiguresCsv(typeof content === 'string' ? utf8(content) : content, lookup);

/** Bytes as Windows-1252 has them: ASCII text and, as numbers, the bytes of the other characters. */
function cp1252(...parts: Array<string | number>): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else
      for (const char of part) {
        expect(char.charCodeAt(0), 'only ASCII in text parts').toBeLessThan(0x80);
        bytes.push(char.charCodeAt(0));
      }
  }
  return new Uint8Array(bytes);
}
const [EURO, I_DIAERESIS, E_ACUTE] = [0x80, 0xef, 0xe9];

const figures = (result: CsvResult) => {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) throw new Error('refused');
  return { values: result.rows.map((r) => [r.workspaceId, r.indicatorId, r.period, r.value]), skipped: result.skipped };
};
const refusal = (result: CsvResult) => {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  return result.ok ? [] : result.errors;
};

const HEADER = 'gemeente;indicator;periode;waarde';

describe('parseFiguresCsv: files as Excel writes them', () => {
  it('reads Windows-1252 (Excel’s plain CSV): €, ï and é', () => {
    const bytes = cp1252(
      'gemeente;indicator;periode;Waarde (',
      EURO,
      ')\r\nEnschede;Oekra',
      I_DIAERESIS,
      'ense ontheemden;2024;312\r\nHengelo (O.);Gemiddelde huur;2024;712,5',
      EURO,
      '\r\nBorne;Gemiddelde huur;2024;',
      E_ACUTE,
      '\r\n'
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const result = parse(bytes);
    // '712,5€' is no number: the euro sign belongs in the header. 'é' is no number either; both say so, in the right characters.
    expect(refusal(result)).toEqual(['Rij 3: waarde ‘712,5€’ is geen getal.', 'Rij 4: waarde ‘é’ is geen getal.']);
    const good = cp1252(
      'gemeente;indicator;periode;Waarde (',
      EURO,
      ')\r\nEnschede;Oekra',
      I_DIAERESIS,
      'ense ontheemden;2024;312\r\nHengelo (O.);Gemiddelde huur;2024;712,5\r\n'
    );
    expect(figures(parse(good))).toEqual({
      values: [
        ['ws-GM0153', 'oekraiense-ontheemden', '2024', 312],
        ['ws-GM0164', 'huur', '2024', 712.5],
      ],
      skipped: 0,
    });
  });

  it('reads UTF-16LE with BOM and tabs (Excel’s “Unicode-tekst”), decimal comma', () => {
    const text =
      '\uFEFFgemeente\tindicator\tperiode\twaarde\t\r\nGM0153\tOekraïense ontheemden\t2023\t1.234.567\t\r\nHof v. Twente\tAandeel ouderen\t2023\t21,5\t\r\n';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect([...bytes.slice(0, 4)]).toEqual([0xff, 0xfe, 0x67, 0x00]);
    expect(figures(parse(bytes))).toEqual({
      values: [
        ['ws-GM0153', 'oekraiense-ontheemden', '2023', 1234567],
        ['ws-GM1735', 'aandeel-ouderen', '2023', 21.5],
      ],
      skipped: 0,
    });
    const points = new Uint8Array(
      Buffer.from('\uFEFFgemeente\tindicator\tperiode\twaarde\r\nGM0153\tAandeel ouderen\t2023\t21.5\r\n', 'utf16le')
    );
    expect(refusal(parse(points))).toEqual([
      'Rij 2: waarde ‘21.5’ heeft een punt in plaats van komma: dit bestand gebruikt een komma als decimaalteken; schrijf 21,5.',
    ]);
  });

  it('follows a first line sep=; Excel hides it, so the header is row 1', () => {
    expect(figures(parse(`sep=,\r\ngemeente,indicator,periode,waarde\r\nGM0153,Aandeel ouderen,2023,12.5\r\n`))).toEqual({
      values: [['ws-GM0153', 'aandeel-ouderen', '2023', 12.5]],
      skipped: 0,
    });
    expect(refusal(parse(`sep=;\n${HEADER}\nGM0153;bevolking;2023;5\nGM0153;bevolking;2024;veel\n`))).toEqual([
      'Rij 3: waarde ‘veel’ is geen getal.',
    ]);
  });

  it('leaves out empty rows and empty columns at the end of Excel’s used range', () => {
    const file = `${HEADER};;\r\n;;;;;\r\nGM0153;bevolking;2023;158000;;\r\n\r\nGM0147;bevolking;2023;24632;;\r\n;;;;;\r\n;;;;;\r\n`;
    expect(figures(parse(file))).toEqual({
      values: [
        ['ws-GM0153', 'bevolking', '2023', 158000],
        ['ws-GM0147', 'bevolking', '2023', 24632],
      ],
      skipped: 0,
    });
    // A filled cell beyond the header is no empty column.
    expect(refusal(parse(`${HEADER};;\r\nGM0153;bevolking;2023;5;;extra\r\n`))).toEqual([
      'Rij 2: 6 kolommen, de kopregel heeft er 4. Staat er een scheidingsteken in een waarde? Zet die waarde dan tussen aanhalingstekens.',
    ]);
  });

  it('knows the spellings CBS and others use for a gemeente', () => {
    const file = [
      HEADER,
      'Hengelo (O.);bevolking;2020;1',
      'Hengelo (Overijssel);bevolking;2021;2',
      'HENGELO OV;bevolking;2022;3',
      'Hengelo;bevolking;2023;4',
      'Hof v. Twente;bevolking;2023;5',
      'hof van twente;bevolking;2024;6',
      '0153;bevolking;2023;7',
    ].join('\n');
    expect(figures(parse(file)).values).toEqual([
      ['ws-GM0164', 'bevolking', '2020', 1],
      ['ws-GM0164', 'bevolking', '2021', 2],
      ['ws-GM0164', 'bevolking', '2022', 3],
      ['ws-GM0164', 'bevolking', '2023', 4],
      ['ws-GM1735', 'bevolking', '2023', 5],
      ['ws-GM1735', 'bevolking', '2024', 6],
      ['ws-GM0153', 'bevolking', '2023', 7],
    ]);
  });

  it('never guesses a bare name two gemeenten share', () => {
    const twoHengelos: CsvLookup = {
      ...lookup,
      gemeenten: [...lookup.gemeenten, { workspaceId: 'ws-elders', cbsCode: 'GM9999', name: 'Hengelo (Gld)' }],
    };
    const result = parseFiguresCsv(utf8(`${HEADER}\nHengelo (O.);bevolking;2023;4\nHengelo;bevolking;2024;5`), twoHengelos);
    expect(refusal(result)).toEqual(['Rij 3: gemeente ‘Hengelo’ is onbekend (gebruik de CBS-code, zoals GM0153, of de naam).']);
  });

  it('skips and counts cells without a figure: empty, ‘.’, ‘-’ and ‘x’', () => {
    const file = [
      HEADER,
      'GM0153;bevolking;2020;.',
      'GM0153;bevolking;2021;-',
      'GM0153;bevolking;2022;x',
      'GM0153;bevolking;2023;',
      'GM0153;bevolking;2024;161303',
      'GM0164;Aandeel ouderen;2024;0',
    ].join('\r\n');
    expect(figures(parse(file))).toEqual({
      values: [
        ['ws-GM0153', 'bevolking', '2024', 161303],
        ['ws-GM0164', 'aandeel-ouderen', '2024', 0],
      ],
      skipped: 4,
    });
    // Only cells without a figure: nothing to import, and it says so.
    expect(refusal(parse(`${HEADER}\nGM0153;bevolking;2020;.\nGM0153;bevolking;2021;x`))).toEqual([
      'Het bestand bevat geen cijfers: alle 2 cellen in de kolom waarde zijn leeg of ‘.’, ‘-’ of ‘x’.',
    ]);
    // The rest of such a row is still checked.
    expect(refusal(parse(`${HEADER}\nGM0153;bevolking;2024;5\nAtlantis;bevolking;2020;.`))).toEqual([
      'Rij 3: gemeente ‘Atlantis’ is onbekend (gebruik de CBS-code, zoals GM0153, of de naam).',
    ]);
  });

  it('reads percentages with a % sign; refuses a % on a count, and values outside the unit’s range', () => {
    const file = [
      HEADER,
      'GM0153;Aandeel ouderen;2021;12,5%',
      'GM0153;Aandeel ouderen;2022;100 %',
      'GM0153;Wachtenden per 1.000;2022;3,25',
      'GM0153;Gemiddelde huur;2022;-12,5',
      'GM0153;huur;2023;1.234,56',
    ].join('\n');
    expect(figures(parse(file)).values).toEqual([
      ['ws-GM0153', 'aandeel-ouderen', '2021', 12.5],
      ['ws-GM0153', 'aandeel-ouderen', '2022', 100],
      ['ws-GM0153', 'wachtenden', '2022', 3.25],
      ['ws-GM0153', 'huur', '2022', -12.5],
      ['ws-GM0153', 'huur', '2023', 1234.56],
    ]);
    const bad = [
      HEADER,
      'GM0153;Aandeel ouderen;2021;12500',
      'GM0153;Aandeel ouderen;2022;-1',
      'GM0153;bevolking;2022;12%',
      'GM0153;huur;2022;7%',
      'GM0153;Wachtenden per 1.000;2022;1000,5',
      'GM0153;bevolking;2023;2,5',
    ].join('\n');
    expect(refusal(parse(bad))).toEqual([
      'Rij 2: waarde ‘12500’ is geen percentage (van 0 tot en met 100): indicator ‘Aandeel ouderen’ is een percentage.',
      'Rij 3: waarde ‘-1’ is geen percentage (van 0 tot en met 100): indicator ‘Aandeel ouderen’ is een percentage.',
      'Rij 4: waarde ‘12%’ heeft een procentteken, maar indicator ‘Inwoners’ is een aantal, geen percentage.',
      'Rij 5: waarde ‘7%’ heeft een procentteken, maar indicator ‘Gemiddelde huur’ is een bedrag in euro, geen percentage.',
      'Rij 6: waarde ‘1000,5’ is geen aantal per 1.000 (van 0 tot en met 1.000): indicator ‘Wachtenden per 1.000’ is een aantal per 1.000.',
      'Rij 7: waarde ‘2,5’ is geen aantal (een heel getal van 0 of meer).',
    ]);
  });

  it('refuses a number with only a point in a decimal-comma file, and only a comma in a decimal-point file', () => {
    const semicolon = [
      HEADER,
      'GM0153;Aandeel ouderen;2021;0.125',
      'GM0153;bevolking;2022;2.500',
      'GM0153;Aandeel ouderen;2023;12.5',
      'GM0153;bevolking;2024;1.234.567',
    ].join('\n');
    expect(refusal(parse(semicolon))).toEqual([
      'Rij 2: waarde ‘0.125’ is dubbelzinnig: 125 of 0,125? Dit bestand gebruikt een komma als decimaalteken; gebruik een komma als decimaalteken of laat de punt weg.',
      'Rij 3: waarde ‘2.500’ is dubbelzinnig: 2500 of 2,500? Dit bestand gebruikt een komma als decimaalteken; gebruik een komma als decimaalteken of laat de punt weg.',
      'Rij 4: waarde ‘12.5’ heeft een punt in plaats van komma: dit bestand gebruikt een komma als decimaalteken; schrijf 12,5.',
    ]);
    const comma = [
      'gemeente,indicator,periode,waarde',
      'GM0153,bevolking,2022,"2,500"',
      'GM0153,Aandeel ouderen,2023,"12,5"',
    ].join('\n');
    expect(refusal(parse(comma))).toEqual([
      'Rij 2: waarde ‘2,500’ is dubbelzinnig: 2500 of 2,500? Dit bestand gebruikt een punt als decimaalteken; gebruik een punt als decimaalteken of laat de komma weg.',
      'Rij 3: waarde ‘12,5’ heeft een komma in plaats van punt: dit bestand gebruikt een punt als decimaalteken; schrijf 12.5.',
    ]);
    expect(
      figures(parse('gemeente,indicator,periode,waarde\nGM0153,bevolking,2022,"1,234,567"\nGM0153,huur,2022,"1,234.5"')).values
    ).toEqual([
      ['ws-GM0153', 'bevolking', '2022', 1234567],
      ['ws-GM0153', 'huur', '2022', 1234.5],
    ]);
  });

  it('numbers rows as Excel does: a cell with line breaks is one row, an empty line is a row', () => {
    const file = `${HEADER}\n"GM0153";"Inwoners";2023;"158000"\n"Enschede";"bevolking\nin Enschede";2024;5\n\nGM0164;bevolking;2023;veel\n`;
    expect(refusal(parse(file))).toEqual([
      'Rij 3: indicator ‘bevolking\nin Enschede’ is onbekend.',
      'Rij 5: waarde ‘veel’ is geen getal.',
    ]);
    const multiLineThenError = `${HEADER};opmerking\nGM0153;bevolking;2023;5;"eerste regel\ntweede regel\nderde regel"\nGM0164;bevolking;2023;veel;\n`;
    expect(refusal(parse(multiLineThenError))).toEqual(['Rij 3: waarde ‘veel’ is geen getal.']);
    expect(refusal(parse(`${HEADER}\nGM0153;"bevolking\nx";2023;5\nGM0164;bevolking;"2023;5\n`))).toEqual([
      'Het bestand is geen geldige CSV (in rij 3): controleer de aanhalingstekens.',
    ]);
    expect(refusal(parse(`${HEADER}\nGM0153;bevolking;2023;5\nGM0153;bevolking;2023;6`))).toEqual([
      'Rij 3: dubbel; dezelfde gemeente, indicator en periode staan ook in rij 2.',
    ]);
  });

  it('says a file of empty rows is empty, and a header with only empty rows below it has no figures', () => {
    expect(refusal(parse('\r\n;;;\r\n;;;\r\n'))).toEqual(['Het bestand is leeg.']);
    expect(refusal(parse(`sep=;\r\n${HEADER}\r\n;;;\r\n\r\n`))).toEqual(['Het bestand bevat alleen een kopregel, geen cijfers.']);
  });

  it('refuses what is not text', () => {
    expect(refusal(parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])))).toEqual([
      'Dit is geen tekstbestand (CSV). Sla het in Excel op als ‘CSV (gescheiden door lijstscheidingsteken)’.',
    ]);
  });
});

describe('parseFiguresCsv: what a careless or hostile file tries', () => {
  it('refuses a count beyond any population, digits split by a space, and a year far ahead; a space between thousands is fine', () => {
    const rows = [
      HEADER,
      'Enschede;bevolking;2023;99999999999999999999999',
      'Borne;bevolking;2023;12 3',
      'Hof van Twente;bevolking;2099;100',
      'Hengelo;bevolking;2023;1 234',
    ].join('\n');
    const errors = refusal(parse(rows));
    expect(errors).toEqual([
      'Rij 2: waarde ‘99999999999999999999999’ is geen aantal (een heel getal van 0 of meer).',
      'Rij 3: waarde ‘12 3’ is geen getal.',
      `Rij 4: periode ‘2099’ is geen jaartal van 1900 tot en met ${new Date().getFullYear() + 10}.`,
    ]);
    expect(figures(parse([HEADER, 'Hengelo;bevolking;2023;1 234'].join('\n'))).values).toEqual([
      ['ws-GM0164', 'bevolking', '2023', 1234],
    ]);
  });
});
