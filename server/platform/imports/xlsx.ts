// Rows of a workbook's first sheet, read from the zip part by part in the order that keeps memory flat: the workbook
// and its relations, the cell formats (to tell dates), the shared strings (bounded, packed in one buffer), then the
// sheet streamed row by row. Nothing is written to disk; every part goes through the bounded XML reader.
import path from 'node:path/posix';
import { tooComplex, unreadable, type SheetLimits } from './limits';
import { readXml, type XmlHandler } from './xml';
import type { WorkbookZip } from './zip';

/** One cell: text (strings, numbers as JavaScript prints them, TRUE/FALSE as true/false, errors as #N/A…), a date, or a formula (its text is not kept). */
export type Cell = { kind: 'text'; text: string } | { kind: 'date'; date: Date } | { kind: 'formula' };
/** A row as the sheet numbers it, with its cells by column (0 = A); columns without a value are absent. */
export type SheetRow = { row: number; cells: (Cell | undefined)[] };

/** Drains an XML part whose handler only collects (no rows to hand on). */
async function drain(it: AsyncGenerator<void>) {
  for await (const _ of it);
}

/** The shared-string table as UTF-8 in one growing buffer with offsets: a few bytes per string, not an object each. */
class StringTable {
  private buf = Buffer.alloc(1 << 16);
  private ends = new Uint32Array(1024);
  private used = 0;
  count = 0;
  push(s: string) {
    const need = Buffer.byteLength(s);
    if (this.used + need > this.buf.length) {
      const grown = Buffer.alloc(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.used += this.buf.write(s, this.used);
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }
  get(i: number): string {
    if (!(i >= 0 && i < this.count)) return '';
    return this.buf.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}

/** Attribute by local name (`r:id` and `id` alike). */
const attr = (a: Record<string, string>, name: string) =>
  a[name] ?? Object.entries(a).find(([k]) => k.endsWith(`:${name}`))?.[1];

/** The parts a workbook names: its first sheet, shared strings and styles, and whether dates count from 1904. */
async function locate(zip: WorkbookZip, limits: SheetLimits) {
  let book = 'xl/workbook.xml';
  const rels = (part: string) => path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
  const relations = async (part: string) => {
    const out: { id: string; type: string; target: string }[] = [];
    if (!zip.has(rels(part))) return out;
    await drain(
      readXml(zip.text(rels(part)), limits, {
        open(name, a) {
          if (name === 'Relationship' && a.Target) {
            const t = a.Target.startsWith('/')
              ? a.Target.slice(1)
              : path.normalize(path.join(path.dirname(part), a.Target));
            out.push({ id: a.Id ?? '', type: a.Type ?? '', target: t });
          }
        },
        close() {},
        text() {},
      }),
    );
    return out;
  };
  const office = (await relations('')).find((r) => r.type.endsWith('/officeDocument'));
  if (office) book = office.target;
  if (!zip.has(book)) throw unreadable('xlsx', 'no workbook part in the zip');
  let firstSheet: string | undefined;
  let date1904 = false;
  await drain(
    readXml(zip.text(book), limits, {
      open(name, a) {
        if (name === 'sheet' && firstSheet === undefined) firstSheet = attr(a, 'id') ?? '';
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
      close() {},
      text() {},
    }),
  );
  const bookRels = await relations(book);
  const target = (type: string, fallback: string) => bookRels.find((r) => r.type.endsWith(type))?.target ?? fallback;
  const sheet = bookRels.find((r) => r.id === firstSheet)?.target;
  return {
    sheet,
    date1904,
    strings: target('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: target('/styles', 'xl/styles.xml'),
  };
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
/** A number format shows a date or time when, outside quotes and brackets, it has date or time letters (as exceljs decides). */
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Which cell formats (by index) show dates. */
async function dateStyles(zip: WorkbookZip, part: string, limits: SheetLimits): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inXfs = false;
  await drain(
    readXml(zip.text(part), limits, {
      open(name, a) {
        if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inXfs = true;
        else if (name === 'xf' && inXfs) {
          if (formats.length >= limits.maxStyles) throw tooComplex('styles', limits.maxStyles);
          formats.push(Number(a.numFmtId ?? 0));
        }
      },
      close(name) {
        if (name === 'cellXfs') inXfs = false;
      },
      text() {},
    }),
  );
  return formats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id)));
}

/** The shared strings, refused past their count or characters as they stream; phonetic runs (rPh) are left out. */
async function sharedStrings(zip: WorkbookZip, part: string, limits: SheetLimits): Promise<StringTable> {
  const table = new StringTable();
  let chars = 0;
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  await drain(
    readXml(zip.text(part), limits, {
      open(name) {
        if (name === 'si') {
          if (table.count >= limits.maxSharedStrings) throw tooComplex('sharedStrings', limits.maxSharedStrings);
          current = '';
        } else if (name === 'rPh') phonetic++;
        else if (name === 't') inT = true;
      },
      close(name) {
        if (name === 'si' && current !== null) {
          table.push(current);
          current = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inT = false;
      },
      text(v) {
        if (current === null || !inT || phonetic > 0) return;
        chars += v.length;
        if (chars > limits.maxSharedChars) throw tooComplex('sharedChars', limits.maxSharedChars);
        current += v;
      },
    }),
  );
  return table;
}

/** Column index (0 = A) of a cell reference like "AB12"; -1 when it has none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 16_384) throw unreadable('xlsx', `cell reference ${ref.slice(0, 20)} is beyond the last column`);
  }
  return i === 0 ? -1 : n - 1;
}

const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** Rows of the first sheet of an opened workbook zip, as they stream; bounded by `limits` throughout. */
export async function* xlsxRows(zip: WorkbookZip, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const where = await locate(zip, limits);
  if (!where.sheet || !zip.has(where.sheet)) return;
  const dates = zip.has(where.styles) ? await dateStyles(zip, where.styles, limits) : [];
  const strings = zip.has(where.strings) ? await sharedStrings(zip, where.strings, limits) : new StringTable();
  const pending: SheetRow[] = [];
  let rows = 0;
  let lastRow = 0;
  let row: SheetRow | null = null;
  let cellCount = 0;
  let col = -1;
  // The cell being read: its type, format, whether it holds a formula, and the text of its <v> or inline <is><t>.
  let c: { type: string; style: number; formula: boolean; value: string | null } | null = null;
  let inValue = false;
  let phonetic = 0;
  const handler: XmlHandler = {
    open(name, a) {
      if (name === 'row') {
        if (++rows > limits.maxRows) throw tooComplex('rows', limits.maxRows);
        // A row without an r attribute follows the previous one.
        const r = Number(a.r);
        row = { row: Number.isInteger(r) && r > 0 ? r : lastRow + 1, cells: [] };
        cellCount = 0;
        col = -1;
      } else if (name === 'c' && row) {
        if (++cellCount > limits.maxCellsPerRow) throw tooComplex('cellsPerRow', limits.maxCellsPerRow);
        const at = columnOf(a.r);
        col = at >= 0 ? at : col + 1;
        c = { type: a.t ?? 'n', style: Number(a.s ?? 0), formula: false, value: null };
      } else if (c) {
        if (name === 'f') c.formula = true;
        else if (name === 'rPh') phonetic++;
        else if (name === 'v' || name === 't') {
          inValue = true;
          c.value ??= '';
        }
      }
    },
    text(v) {
      if (c && inValue && phonetic === 0) c.value += v;
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && row && c) {
        const cell = toCell(c, strings, dates, where.date1904);
        if (cell) row.cells[col] = cell;
        c = null;
      } else if (name === 'row' && row) {
        pending.push(row);
        lastRow = row.row;
        row = null;
      }
    },
  };
  for await (const _ of readXml(zip.text(where.sheet), limits, handler)) {
    if (pending.length) yield* pending.splice(0);
  }
}

function toCell(
  c: { type: string; style: number; formula: boolean; value: string | null },
  strings: StringTable,
  dates: boolean[],
  date1904: boolean,
): Cell | undefined {
  if (c.formula) return { kind: 'formula' };
  if (c.value === null) return undefined;
  const v = c.value;
  switch (c.type) {
    case 's':
      return { kind: 'text', text: strings.get(Number.parseInt(v, 10)) };
    case 'inlineStr':
    case 'str':
      return { kind: 'text', text: v };
    case 'e':
      return { kind: 'text', text: v };
    case 'b':
      return { kind: 'text', text: String(Number.parseInt(v, 10) !== 0) };
    case 'd': {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? { kind: 'text', text: v } : { kind: 'date', date: d };
    }
    default: {
      if (v.trim() === '') return undefined;
      const n = Number.parseFloat(v);
      if (dates[c.style] && Number.isFinite(n)) return { kind: 'date', date: excelDate(n, date1904) };
      return { kind: 'text', text: String(n) };
    }
  }
}
