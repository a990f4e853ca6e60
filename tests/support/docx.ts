import { crc32, inflateRawSync } from 'node:zlib';
import { childElements, descendants, parseXml, type XmlElement } from './xml.ts';

/**
 * A .docx read back for tests, by a zip reader of its own (each part's CRC-32 checked with
 * Node's zlib, not the app's) and the strict XML reader: its parts, its tables as the texts of
 * their cells, its other paragraphs, and each section's orientation.
 */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('zip: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: bad central entry ${n}`);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const packed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip: bad local header for ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`zip: ${name} uses method ${method}`);
    if (data.length !== size) throw new Error(`zip: ${name} is ${data.length} bytes, said ${size}`);
    if (crc32(data) !== crc) throw new Error(`zip: ${name} fails its CRC-32`);
    parts.set(name, data);
    at += 46 + nameLength + extra;
  }
  return parts;
}

/** A paragraph's or cell's text as Word shows it: runs joined, a tab as \t, a line break as \n. */
function wordTextOf(node: XmlElement): string {
  return node.children
    .map((c) =>
      typeof c === 'string'
        ? ''
        : c.name === 'w:t'
          ? c.children.join('')
          : c.name === 'w:tab'
            ? '\t'
            : c.name === 'w:br'
              ? '\n'
              : wordTextOf(c),
    )
    .join('');
}

export interface WordTable {
  caption: string | undefined;
  /** Each row's cells' texts. */
  rows: string[][];
  /** Which rows are marked to repeat as the header on each page. */
  headerRows: number[];
}

export interface ReadDocx {
  parts: Map<string, Buffer>;
  /** Every part's XML, parsed (so each is well formed). */
  xml: Map<string, XmlElement>;
  /** The tables as the document holds them. */
  rawTables: WordTable[];
  /** The tables as a reader takes them: a table "… (continued)" joined to the one before, side by side. */
  tables: WordTable[];
  /** Paragraphs outside tables, in order, with their style (Heading1…) where they have one. */
  paragraphs: Array<{ style: string | undefined; text: string }>;
  /** Each section's orientation, in order. */
  orientations: Array<'portrait' | 'landscape'>;
}

export function readDocx(bytes: Buffer): ReadDocx {
  const parts = unzip(bytes);
  const xml = new Map([...parts].map(([name, data]) => [name, parseXml(data.toString('utf8'))] as const));
  const body = childElements(xml.get('word/document.xml')!, 'w:body')[0]!;
  const tables: WordTable[] = [];
  const paragraphs: ReadDocx['paragraphs'] = [];
  for (const block of body.children) {
    if (typeof block === 'string') continue;
    if (block.name === 'w:p') {
      const style = descendants(block, 'w:pStyle')[0]?.attributes['w:val'];
      paragraphs.push({ style, text: wordTextOf(block) });
    } else if (block.name === 'w:tbl') {
      const rows = childElements(block, 'w:tr');
      tables.push({
        caption: descendants(block, 'w:tblCaption')[0]?.attributes['w:val'],
        rows: rows.map((tr) => childElements(tr, 'w:tc').map(wordTextOf)),
        headerRows: rows.flatMap((tr, i) => (descendants(tr, 'w:tblHeader').length ? [i] : [])),
      });
    }
  }
  const orientations = descendants(body, 'w:sectPr').map((s) =>
    descendants(s, 'w:pgSz')[0]?.attributes['w:orient'] === 'landscape' ? 'landscape' : 'portrait',
  );
  return { parts, xml, rawTables: tables, tables: joinContinued(tables), paragraphs, orientations };
}

/**
 * Tables whose caption says "(continued)" joined to the one before, their figures beside its own
 * (each row's label must be the same in both); `captions` names them where the tables have none
 * (LibreOffice's ODF keeps no caption: give the Word file's).
 */
export function joinContinued(tables: WordTable[], captions = tables.map((t) => t.caption)): WordTable[] {
  const joined: WordTable[] = [];
  tables.forEach((t, i) => {
    const previous = joined.at(-1);
    if (!captions[i]?.endsWith(' (continued)') || !previous) {
      joined.push({ ...t, caption: captions[i], rows: t.rows.map((r) => [...r]) });
      return;
    }
    if (t.rows.length !== previous.rows.length || t.rows.some((r, j) => r[0] !== previous.rows[j]![0]))
      throw new Error(`${captions[i]}: its row labels are not those of the table it continues`);
    if (t.headerRows.join() !== previous.headerRows.join())
      throw new Error(`${captions[i]}: its header rows are not those of the table it continues`);
    t.rows.forEach((r, j) => previous.rows[j]!.push(...r.slice(1)));
  });
  return joined;
}

/** LibreOffice's ODF (content.xml) tables, as the texts of their cells, and their header rows. */
export function odfTables(content: XmlElement): WordTable[] {
  const textOf = (node: XmlElement): string =>
    node.children
      .map((c) =>
        typeof c === 'string'
          ? c
          : c.name === 'text:s'
            ? ' '.repeat(Number(c.attributes['text:c'] ?? 1))
            : c.name === 'text:tab'
              ? '\t'
              : c.name === 'text:line-break'
                ? '\n'
                : textOf(c),
      )
      .join('');
  return descendants(content, 'table:table').map((t) => {
    const header = childElements(t, 'table:table-header-rows').flatMap((h) =>
      childElements(h, 'table:table-row'),
    );
    const body = [
      ...childElements(t, 'table:table-row'),
      ...childElements(t, 'table:table-rows').flatMap((g) => childElements(g, 'table:table-row')),
    ];
    return {
      caption: undefined,
      rows: [...header, ...body].map((tr) =>
        childElements(tr, 'table:table-cell').map((tc) => childElements(tc, 'text:p').map(textOf).join('\n')),
      ),
      headerRows: header.map((_, i) => i),
    };
  });
}

/**
 * The order ECMA-376 part 1 (wml.xsd) gives the children of the elements the app writes. Word
 * refuses a file (“unreadable content”) where they are out of order; LibreOffice opens it, so
 * its test cannot tell. Each list is the schema's sequence, for these elements only.
 */
const P_PR = ['pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr']
  .concat(['suppressLineNumbers', 'pBdr', 'shd', 'tabs', 'suppressAutoHyphens', 'kinsoku', 'wordWrap'])
  .concat(['overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd'])
  .concat(['snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc'])
  .concat(['textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle'])
  .concat(['rPr', 'sectPr', 'pPrChange']);
const R_PR = ['rStyle', 'rFonts', 'b', 'bCs', 'i', 'iCs', 'caps', 'smallCaps', 'strike', 'dstrike']
  .concat(['outline', 'shadow', 'emboss', 'imprint', 'noProof', 'snapToGrid', 'vanish', 'webHidden'])
  .concat(['color', 'spacing', 'w', 'kern', 'position', 'sz', 'szCs', 'highlight', 'u', 'effect', 'bdr'])
  .concat(['shd', 'fitText', 'vertAlign', 'rtl', 'cs', 'em', 'lang', 'eastAsianLayout', 'specVanish']);
const SCHEMA_ORDER: Record<string, string[]> = {
  'w:pPr': P_PR,
  'w:rPr': R_PR,
  'w:tblPr': ['tblStyle', 'tblpPr', 'tblOverlap', 'bidiVisual', 'tblStyleRowBandSize', 'tblStyleColBandSize']
    .concat(['tblW', 'jc', 'tblCellSpacing', 'tblInd', 'tblBorders', 'shd', 'tblLayout', 'tblCellMar'])
    .concat(['tblLook', 'tblCaption', 'tblDescription']),
  'w:tblBorders': ['top', 'start', 'left', 'bottom', 'end', 'right', 'insideH', 'insideV'],
  'w:tblCellMar': ['top', 'start', 'left', 'bottom', 'end', 'right'],
  'w:tcPr': ['cnfStyle', 'tcW', 'gridSpan', 'hMerge', 'vMerge', 'tcBorders', 'shd', 'noWrap', 'tcMar'].concat(
    ['textDirection', 'tcFitText', 'vAlign', 'hideMark'],
  ),
  'w:sectPr': ['headerReference', 'footerReference', 'footnotePr', 'endnotePr', 'type', 'pgSz', 'pgMar']
    .concat(['paperSrc', 'pgBorders', 'lnNumType', 'pgNumType', 'cols', 'formProt', 'vAlign', 'noEndnote'])
    .concat(['titlePg', 'textDirection', 'bidi', 'rtlGutter', 'docGrid', 'printerSettings']),
  'w:style': ['name', 'aliases', 'basedOn', 'next', 'link', 'autoRedefine', 'hidden', 'uiPriority']
    .concat(['semiHidden', 'unhideWhenUsed', 'qFormat', 'locked', 'personal', 'personalCompose'])
    .concat(['personalReply', 'rsid', 'pPr', 'rPr', 'tblPr', 'trPr', 'tcPr', 'tblStylePr']),
  'w:docDefaults': ['rPrDefault', 'pPrDefault'],
  'w:tbl': ['tblPr', 'tblGrid', 'tr'],
  'w:tr': ['tblPrEx', 'trPr', 'tc'],
  'w:tc': ['tcPr', 'p', 'tbl'],
  'w:r': ['rPr', 't', 'tab', 'br'],
};

/** Where an element's children are out of the schema's order, or unknown to it: none for a good file. */
export function schemaOrderProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  const visit = (node: XmlElement) => {
    const order = SCHEMA_ORDER[node.name];
    if (order) {
      let at = 0;
      for (const child of node.children) {
        if (typeof child === 'string') continue;
        const name = child.name.replace(/^w:/, '');
        const i = order.indexOf(name);
        // A repeatable element (tr, tc, p, t) may follow itself; nothing may go back.
        if (i < 0) problems.push(`${node.name} holds ${child.name}, which the schema does not put there`);
        else if (i < at) problems.push(`${node.name}: ${child.name} after ${order[at]}`);
        else at = i;
      }
    }
    for (const c of node.children) if (typeof c !== 'string') visit(c);
  };
  visit(root);
  return [...new Set(problems)];
}
