// Hostile uploads built on the fly for tests and the fault suite: zip bombs, lying zip directories, DTD entities,
// deep nesting. A tiny zip writer (stored sizes under our control) is all it takes; nothing here runs in production.
import { crc32, createDeflateRaw } from 'node:zlib';

/** One zip entry: its bytes as chunks (generated lazily, so a 200 MB part never sits in memory), and optionally a lie about its size. */
export type ZipPart = { name: string; chunks: Iterable<Buffer | string>; declaredSize?: number };

async function deflate(chunks: Iterable<Buffer | string>): Promise<{ data: Buffer; size: number; crc: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  let size = 0;
  let crc = 0;
  for (const c of chunks) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    size += b.length;
    crc = crc32(b, crc);
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  const ended = new Promise<void>((resolve, reject) => z.once('end', resolve).once('error', reject));
  z.end();
  await ended;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip of the parts (deflated), with central directory; `declaredSize` is written into both headers as given. */
export async function buildZip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { data, size, crc } = await deflate(p.chunks);
    const name = Buffer.from(p.name);
    const declared = p.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(crc >>> 0, 16);
    head.writeUInt32LE(data.length, 20);
    head.writeUInt32LE(declared, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(head, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function* repeat(piece: string, times: number, per = 10_000): Generator<string> {
  const block = piece.repeat(per);
  for (let left = times; left > 0; left -= per) yield left >= per ? block : piece.repeat(left);
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const ONE_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';

/** A workbook of the given sheet and shared-string parts (chunks), with the workbook and relation parts around them. */
export function workbook(
  sheet: Iterable<string>,
  strings?: Iterable<string>,
  opts: { declaredStrings?: number } = {},
): Promise<Buffer> {
  return buildZip([
    { name: 'xl/workbook.xml', chunks: [WORKBOOK] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [RELS] },
    ...(strings ? [{ name: 'xl/sharedStrings.xml', chunks: strings, declaredSize: opts.declaredStrings }] : []),
    { name: 'xl/worksheets/sheet1.xml', chunks: sheet },
  ]);
}

/** The shared-strings bomb of the security report: `count` empty entries (15 million compress to a few hundred KB). */
export function sharedStringsBomb(count: number): Promise<Buffer> {
  const sst = (function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`;
    yield* repeat('<si><t/></si>', count);
    yield '</sst>';
  })();
  return workbook([SHEET_HEAD, ONE_ROW, SHEET_TAIL], sst);
}

/**
 * The shared-strings bomb as reported: 15 million entries, each empty or one letter at random (a bit of entropy each),
 * so it packs to about 2 MB at well under the ratio bound; only counting the entries as they stream stops it.
 */
export function reportedSharedStringsBomb(count = 15_000_000): Promise<Buffer> {
  let seed = 42;
  const sst = (function* () {
    yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
    const pieces = ['<si><t/></si>', '<si><t>a</t></si>'];
    for (let i = 0; i < count; i += 8_192) {
      let block = '';
      for (let j = 0; j < 8_192 && i + j < count; j++) {
        seed = (seed * 1_103_515_245 + 12_345) >>> 0;
        block += pieces[seed >>> 31]!;
      }
      yield block;
    }
    yield '</sst>';
  })();
  return workbook([SHEET_HEAD, ONE_ROW, SHEET_TAIL], sst);
}

/** A sheet of `bytes` bytes of blank space that packs about a thousand to one. */
export function ratioBomb(bytes: number): Promise<Buffer> {
  return workbook([SHEET_HEAD, ...repeat(' ', bytes, 1 << 20), SHEET_TAIL]);
}

/** Shared strings that declare a modest size but inflate to `count` entries (yauzl and the counters must both notice). */
export function lyingSizeBomb(count: number): Promise<Buffer> {
  const sst = (function* () {
    yield '<sst>';
    yield* repeat('<si><t>x</t></si>', count);
    yield '</sst>';
  })();
  return workbook([SHEET_HEAD, ONE_ROW, SHEET_TAIL], sst, { declaredStrings: 1000 });
}

/** An entry whose directory claims almost 4 GiB unpacked. */
export function hugeDeclaredEntry(): Promise<Buffer> {
  return buildZip([
    { name: 'xl/workbook.xml', chunks: [WORKBOOK] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [RELS] },
    { name: 'xl/worksheets/sheet1.xml', chunks: [SHEET_HEAD, SHEET_TAIL], declaredSize: 0xfffffff0 },
  ]);
}

/** Billion laughs: ten levels of ten entity references in a DTD of the sheet. */
export function billionLaughs(): Promise<Buffer> {
  const ents = [
    '<!ENTITY lol0 "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
  ].join('');
  const sheet = `<?xml version="1.0"?><!DOCTYPE worksheet [${ents}]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
  return workbook([sheet]);
}

/** A sheet nesting `levels` elements (a million compress to a few KB). */
export function deepNesting(levels: number): Promise<Buffer> {
  return workbook([SHEET_HEAD, ...repeat('<a>', levels), ...repeat('</a>', levels), SHEET_TAIL]);
}

/** A sheet of `rows` rows of `cells` cells each, inline strings (`text`, by default 姓名, so the first row passes as a header). */
export function manyCells(rows: number, cells: number, text = '姓名'): Promise<Buffer> {
  const row = (r: number) => `<row r="${r}">${`<c t="inlineStr"><is><t>${text}</t></is></c>`.repeat(cells)}</row>`;
  return workbook(
    (function* () {
      yield SHEET_HEAD;
      for (let r = 1; r <= rows; r++) yield row(r);
      yield SHEET_TAIL;
    })(),
  );
}

/** One inline string of `chars` characters. */
export function longValue(chars: number): Promise<Buffer> {
  return workbook([
    SHEET_HEAD,
    '<row r="1"><c r="A1" t="inlineStr"><is><t>',
    ...repeat('x', chars, 1 << 16),
    '</t></is></c></row>',
    SHEET_TAIL,
  ]);
}
