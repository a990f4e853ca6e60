import { WIDE_TABLE_FIGURES } from '../contract/report-shapes.ts';
import { wordText, xmlText, type Cell } from './safe-cells.ts';
import { zip } from './zip.ts';

/**
 * A Word document (.docx, Office Open XML) of headings, paragraphs and tables, in sections that
 * each start on a new page. Tables are real Word tables: a header row marked to repeat on every
 * page (`w:tblHeader`), rows that never split across pages, figures right-aligned, a caption for
 * screen readers. A section whose widest table has more than LANDSCAPE_OVER columns of figures is
 * laid out landscape; a table with more than MAX_FIGURE_COLUMNS goes on below in a further table
 * under a caption paragraph "… (continued)" (its alt text says so too). Every text is written by
 * export/safe-cells.ts (wordText, xmlText).
 *
 * Word refuses a file whose elements are out of the schema's order (ECMA-376 part 1), where
 * LibreOffice would open it: each property list below keeps that order (pPr: pStyle, keepNext,
 * spacing, jc; rPr: b, sz, szCs; tblPr: tblW, tblBorders, tblLayout, tblCaption; tcPr: tcW, shd).
 */
export type WordBlock =
  | { kind: 'heading'; level: 1 | 2; text: Cell }
  | { kind: 'paragraph'; text: Cell }
  | {
      kind: 'table';
      /** Said to screen readers and in Word's alt text. */
      caption: string;
      header: Cell[];
      rows: Cell[][];
      /** Columns whose cells are figures (right-aligned); the others are text. */
      figures: (column: number) => boolean;
    };

export interface WordSection {
  blocks: WordBlock[];
}

/** More columns of figures than fit a portrait A4 page at a readable size. */
export const LANDSCAPE_OVER = WIDE_TABLE_FIGURES;
/** The most columns of figures side by side on a landscape A4 page, each wide enough for "100.0%" at 9 pt. */
export const MAX_FIGURE_COLUMNS = 14;

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// A4 in twentieths of a point, with 2 cm margins.
const A4_SHORT = 11906;
const A4_LONG = 16838;
const MARGIN = 1134;

function paragraph(text: Cell, props: string, runProps = ''): string {
  const content = wordText(text);
  const run = content ? `<w:r>${runProps ? `<w:rPr>${runProps}</w:rPr>` : ''}${content}</w:r>` : '';
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${run}</w:p>`;
}

/** Half-points: 10 pt, or 9 pt where many columns of figures share the width. */
const tableFontSize = (figureColumns: number) => (figureColumns > LANDSCAPE_OVER ? 18 : 20);

/**
 * The figure columns of each Word table a block is laid out as: all of them, or where there are
 * more than MAX_FIGURE_COLUMNS (a quarterly table over several years), runs of about equal length,
 * each a table of its own with the row labels again; past that, a figure such as "100.0%" would
 * wrap inside its cell, and Word holds no table over 63 columns.
 */
function columnRuns(figureColumns: number): number[][] {
  const runs = Math.max(1, Math.ceil(figureColumns / MAX_FIGURE_COLUMNS));
  const size = Math.ceil(figureColumns / runs);
  return Array.from({ length: runs }, (_, i) =>
    Array.from({ length: Math.min(size, figureColumns - i * size) }, (_, j) => 1 + i * size + j),
  );
}

function table(block: Extract<WordBlock, { kind: 'table' }>, width: number): string {
  const figureColumns = Math.max(block.header.length, ...block.rows.map((r) => r.length), 1) - 1;
  const size = tableFontSize(figureColumns);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="767676"/>`;
  return columnRuns(figureColumns)
    .map((run, part) => {
      const columns = [0, ...run];
      // The row labels (often long: "Number of initial enquiries") take a share; figures split the rest.
      const labelShare =
        run.length === 0 ? 1 : run.length <= 3 ? 0.4 : run.length <= LANDSCAPE_OVER ? 0.3 : 0.2;
      // A figure column is never wider than a fifth of the page (three columns' share): a one-year
      // table gave its single figure 60 % of the width, its row labels wrapping beside white space.
      const figure = run.length
        ? Math.min(Math.floor((width * (1 - labelShare)) / run.length), Math.floor(width / 5))
        : 0;
      const label = width - figure * run.length;
      const cell = (value: Cell, col: number, header: boolean) => {
        const right = col > 0 && block.figures(col);
        const props = `<w:pStyle w:val="TableText"/>${header ? '<w:keepNext/>' : ''}${right ? '<w:jc w:val="right"/>' : ''}`;
        const runProps = `${header ? '<w:b/><w:bCs/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`;
        const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' : '';
        return `<w:tc><w:tcPr><w:tcW w:w="${col === 0 ? label : figure}" w:type="dxa"/>${shade}</w:tcPr>${paragraph(value, props, runProps)}</w:tc>`;
      };
      const row = (cells: Cell[], header: boolean) =>
        `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${columns
          .map((c) => cell(cells[c] ?? null, c, header))
          .join('')}</w:tr>`;
      const caption = part === 0 ? block.caption : `${block.caption} (continued)`;
      return (
        // A further part is captioned where it is seen, not only in its alt text: printed, or read
        // as text, two tables back to back said nothing of the second continuing the first. The
        // caption paragraph also keeps the two from being joined into one, as Word would.
        (part > 0 ? paragraph(caption, '<w:pStyle w:val="Caption"/>') : '') +
        `<w:tbl><w:tblPr><w:tblW w:w="${label + figure * run.length}" w:type="dxa"/>` +
        `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
        `<w:tblLayout w:type="fixed"/><w:tblCaption w:val="${xmlText(caption)}"/></w:tblPr>` +
        `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c === 0 ? label : figure}"/>`).join('')}</w:tblGrid>` +
        row(block.header, true) +
        block.rows.map((r) => row(r, false)).join('') +
        `</w:tbl>`
      );
    })
    .join('');
}

function sectionProperties(landscape: boolean): string {
  const size = landscape
    ? `<w:pgSz w:w="${A4_LONG}" w:h="${A4_SHORT}" w:orient="landscape"/>`
    : `<w:pgSz w:w="${A4_SHORT}" w:h="${A4_LONG}"/>`;
  return `<w:sectPr>${size}<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
}

/** Whether a section's widest table needs a landscape page. */
export const isLandscape = (section: WordSection): boolean =>
  section.blocks.some(
    (b) =>
      b.kind === 'table' && Math.max(b.header.length, ...b.rows.map((r) => r.length)) - 1 > LANDSCAPE_OVER,
  );

function body(sections: readonly WordSection[]): string {
  return sections
    .map((section, i) => {
      const landscape = isLandscape(section);
      const width = (landscape ? A4_LONG : A4_SHORT) - 2 * MARGIN;
      let previous: WordBlock['kind'] | null = null;
      const blocks = section.blocks.map((b) => {
        // Two tables with nothing between would be joined into one: Word keeps a paragraph there.
        const gap = previous === 'table' && b.kind === 'table' ? '<w:p/>' : '';
        previous = b.kind;
        if (b.kind === 'heading') return gap + paragraph(b.text, `<w:pStyle w:val="Heading${b.level}"/>`);
        if (b.kind === 'paragraph') return gap + paragraph(b.text, '');
        return gap + table(b, width);
      });
      // A section ends with a paragraph holding its properties; the last one's are the body's own
      // (after a paragraph where the section ends with a table, as Word writes it).
      const end =
        i < sections.length - 1
          ? `<w:p><w:pPr>${sectionProperties(landscape)}</w:pPr></w:p>`
          : `${section.blocks.at(-1)?.kind === 'table' ? '<w:p/>' : ''}${sectionProperties(landscape)}`;
      return blocks.join('') + end;
    })
    .join('');
}

const STYLES =
  XML_HEAD +
  `<w:styles xmlns:w="${W_NS}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>' +
  '<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>' +
  '<w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>' +
  '<w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>' +
  // Word's own caption style, kept with the table below it.
  '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="80"/></w:pPr>' +
  '<w:rPr><w:b/><w:bCs/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>' +
  '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const PACKAGE_RELS =
  XML_HEAD +
  `<Relationships xmlns="${RELATIONSHIPS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';
const DOCUMENT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${RELATIONSHIPS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

/** The document's title (Word's File → Info, and what a screen reader announces) and language; no author. */
const coreProperties = (title: string) =>
  XML_HEAD +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  `<dc:title>${xmlText(title)}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>`;

/** The .docx file's bytes. */
export function docxFile(title: string, sections: readonly WordSection[]): Buffer {
  const document =
    XML_HEAD +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body(sections)}</w:body></w:document>`;
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'docProps/core.xml', data: coreProperties(title) },
    { name: 'word/document.xml', data: document },
    { name: 'word/_rels/document.xml.rels', data: DOCUMENT_RELS },
    { name: 'word/styles.xml', data: STYLES },
  ]);
}
