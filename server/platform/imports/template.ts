// The template an import offers for download: its declared headers as text columns, fictional example rows, and a
// notes sheet ("说明") explaining the columns.
import ExcelJS from 'exceljs';

export type TemplateSpec = {
  sheet: string;
  headers: readonly string[];
  /** Column width by header; the others get `defaultWidth`. */
  widths?: Record<string, number>;
  defaultWidth: number;
  examples: (string | number)[][];
  notes: readonly string[];
};

/** Builds the template workbook; every column is formatted as text, so ID numbers and phones keep their digits. */
export async function importTemplate(spec: TemplateSpec): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(spec.sheet);
  sheet.columns = spec.headers.map((h) => ({
    header: h,
    width: spec.widths?.[h] ?? spec.defaultWidth,
    style: { numFmt: '@' },
  }));
  for (const r of spec.examples) sheet.addRow(r);
  const notes = book.addWorksheet('说明');
  for (const line of spec.notes) notes.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
