// The platform's import reader: bounded reading of uploaded spreadsheets (XLSX and CSV) for every module's import.
//
// A module declares its columns and reads rows:
//
//   for await (const r of readTable(file, { columns: { headers: ['姓名', '户'], required: ['姓名'] }, format: 'xlsx' })) {
//     if ('headerProblem' in r) throw new AppError('validation_failed', [{ path: 'file', message: r.headerProblem }]);
//     r.row; r.text['姓名']; r.dates['迁入日期']; r.formulas; // one data row
//   }
//
// What it promises:
// - Nothing is unpacked before the zip's central directory passes the bounds (entries, each entry's declared size and
//   ratio, total); while unpacking, actual sizes, shared strings (count and characters), cell formats, rows, cells per
//   row, text runs and nesting are counted; DTDs and entities are refused. Beyond a bound: a 400 AppError
//   (`bad_request`, detail on "file" naming the rule and the limit, translated in detail-messages.ts). A file that is
//   not what it claims (not a zip, cut off, broken XML or CSV): a 400 too, never a 500.
// - Memory held is the shared-string table (bounded) and one chunk of rows; a streamed workbook is copied to a private
//   temp file (TEMP_PREFIX) that is removed however the reading ends. Parsing goes chunk by chunk with awaits between,
//   so other requests are served meanwhile.
// - INTERACTIVE_LIMITS suit an ordinary upload previewed whole; BULK_LIMITS a streamed import of millions of rows.
export {
  readTable,
  matchHeaders,
  TEMP_PREFIX,
  type Columns,
  type TableRow,
  type HeaderProblem,
  type ReadTableOptions,
  type TableFormat,
} from './spreadsheet';
export { INTERACTIVE_LIMITS, BULK_LIMITS, ruleOf, type SheetLimits, type SheetRule } from './limits';

// The pipeline on top of the reader (pipeline.ts): a module declares its columns, a row handler (Zod schemas for the
// plain field rules) and how a batch is written; the pipeline gives the preview with every bad row's number, field and
// reason, and the commit in batches (resumable by the import's key, progress recorded, one audit entry).
export {
  dataRows,
  ownPreview,
  previewRows,
  zodIssues,
  commitInBatches,
  type RowIssue,
  type Checked,
  type RowBounds,
  type RowHandler,
  type Preview,
  type CommitPlan,
} from './pipeline';
export { previewColumns } from './tables';
export { streamInBatches, type StreamPlan } from './stream';
export { importTemplate, type TemplateSpec } from './template';
