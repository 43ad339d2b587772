// A bounded streaming read of one XML part (saxes, the parser exceljs itself uses): no DTD, no entities beyond XML's
// five, limited nesting, and no text run or tag longer than the limit, all refused while the part is still streaming.
import { SaxesParser } from 'saxes';
import { tooComplex, unreadable, type SheetLimits } from './limits';

export type XmlHandler = {
  /** An element opened; `name` without its namespace prefix. */
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  /** Character data (entities decoded), also CDATA. */
  text(value: string): void;
};

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Feeds the part's text to the handler, one chunk at a time, and yields after each chunk: the caller hands on what
 * the chunk produced, and the event loop gets a turn between chunks. Throws a 400 for malformed XML or a broken bound.
 */
export async function* readXml(
  chunks: AsyncIterable<string>,
  limits: SheetLimits,
  handler: XmlHandler,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let run = 0;
  parser.on('doctype', () => {
    throw tooComplex('dtd');
  });
  parser.on('opentag', (tag) => {
    if (++depth > limits.maxDepth) throw tooComplex('depth', limits.maxDepth);
    handler.open(local(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handler.close(local(tag.name));
  });
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.text(t));
  parser.on('error', (err) => {
    throw err;
  });
  try {
    for await (const chunk of chunks) {
      // saxes keeps a text node or a tag whole until it ends; the characters since the last '<' or '>' are what it holds.
      const last = Math.max(chunk.lastIndexOf('<'), chunk.lastIndexOf('>'));
      run = last < 0 ? run + chunk.length : chunk.length - 1 - last;
      if (run > limits.maxRunChars) throw tooComplex('runChars', limits.maxRunChars);
      parser.write(chunk);
      yield;
    }
    parser.close();
  } catch (err) {
    throw unreadable('xlsx', err);
  }
}
