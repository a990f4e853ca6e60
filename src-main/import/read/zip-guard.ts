import { crc32, inflateRawSync } from 'node:zlib';
import {
  LARGE_PART_BYTES,
  MAX_COMPRESSION_RATIO,
  MAX_INFLATED_BYTES,
  MAX_LARGE_PART_RATIO,
  MAX_SHARED_STRINGS_BYTES,
  MAX_SHEET_XML_BYTES,
  MAX_ZIP_ENTRIES,
} from '../limits.ts';
import { withoutControlChars } from './cell-text.ts';
import { type RowStarts, xmlProblem } from './xml-check.ts';

const MB = 1024 * 1024;

/**
 * xlsx and ods files are zip archives. Before SheetJS inflates anything, the central
 * directory is read here: an archive declaring more than MAX_INFLATED_BYTES, a worksheet
 * or shared strings part over its own ceiling, a part compressing impossibly well, too
 * many parts or encrypted parts is refused. Then each part is inflated with a ceiling at
 * its declared size, so a directory that lies about sizes is caught too (the inflater
 * stops at the ceiling instead of filling memory); its CRC-32 is checked, so damage
 * anywhere inside the archive refuses the whole file instead of becoming data; and every
 * XML part must be well formed with no cell beyond the sheet's edges (xml-check.ts).
 * Returns a reason to refuse, naming the part, or null when SheetJS may read the archive.
 */
export function zipProblem(buf: Buffer): string | null {
  return inspectZip(buf).problem;
}

/**
 * zipProblem, also handing back every XML part it inflated and checked (part name → bytes),
 * so a reader can use them without inflating the archive a second time; and, for each
 * worksheet part, where its rows start (noted by the same check: RowStarts).
 */
export function inspectZip(buf: Buffer): {
  problem: string | null;
  parts: Map<string, Buffer>;
  sheetRows: Map<string, RowStarts>;
} {
  const parts = new Map<string, Buffer>();
  const sheetRows = new Map<string, RowStarts>();
  const problem = checkZip(buf, parts, sheetRows);
  return problem ? { problem, parts: new Map(), sheetRows: new Map() } : { problem, parts, sheetRows };
}

function checkZip(
  buf: Buffer,
  inflated: Map<string, Buffer>,
  sheetRows: Map<string, RowStarts>,
): string | null {
  const eocd = findEocd(buf);
  if (eocd < 0) return 'the file is damaged (its zip directory is missing or cut short).';
  let entries = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) return 'the file is damaged (bad zip64 directory).';
    const z64 = Number(buf.readBigUInt64LE(loc + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== 0x06064b50) {
      return 'the file is damaged (bad zip64 directory).';
    }
    entries = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (entries > MAX_ZIP_ENTRIES)
    return `the workbook has ${entries} parts, which no spreadsheet needs (zip bomb?).`;

  const parts: Array<{
    name: string;
    method: number;
    crc: number;
    compressed: number;
    size: number;
    local: number;
  }> = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) {
      return 'the file is damaged (its zip directory is corrupt).';
    }
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressed = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let local = buf.readUInt32LE(p + 42);
    if (flags & 1)
      return 'the workbook is password-protected: remove the password in Excel and save it again.';
    if (size === 0xffffffff || compressed === 0xffffffff || local === 0xffffffff) {
      const z = zip64Sizes(buf, p + 46 + nameLen, extraLen, { size, compressed, local });
      ({ size, compressed, local } = z);
    }
    // Part names come from the file: shown in messages, so stripped of control characters.
    const name = withoutControlChars(buf.toString('utf8', p + 46, p + 46 + nameLen)).slice(0, 200);
    total += size;
    if (total > MAX_INFLATED_BYTES) {
      return `the workbook would inflate to over ${MAX_INFLATED_BYTES / MB} MB (zip bomb?).`;
    }
    const ceiling = partCeiling(name);
    if (ceiling && size > ceiling.bytes) {
      return `part ${name} would inflate to ${Math.ceil(size / MB)} MB; ${ceiling.what} over ${ceiling.bytes / MB} MB cannot be imported.`;
    }
    if (size > MB && size > Math.max(compressed, 1) * MAX_COMPRESSION_RATIO) {
      return `part ${name} of the workbook compresses impossibly well (zip bomb?).`;
    }
    if (size > LARGE_PART_BYTES && isXml(name) && size > Math.max(compressed, 1) * MAX_LARGE_PART_RATIO) {
      return `part ${name} is ${Math.ceil(size / MB)} MB of XML packed into ${Math.ceil(compressed / 1024)} KB, which no real export compresses to (it is padding built to exhaust memory).`;
    }
    parts.push({ name, method, crc, compressed, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }

  for (const part of parts) {
    if (part.local + 30 > buf.length || buf.readUInt32LE(part.local) !== 0x04034b50) {
      return `the file is damaged (zip part ${part.name} is missing).`;
    }
    const start = part.local + 30 + buf.readUInt16LE(part.local + 26) + buf.readUInt16LE(part.local + 28);
    if (start + part.compressed > buf.length) return 'the file is damaged (it is cut short).';
    let out: Buffer;
    if (part.method === 0) {
      out = buf.subarray(start, start + part.compressed);
      if (out.length !== part.size) return damaged(part.name, 'is not the size it declares');
    } else if (part.method !== 8) {
      return 'the workbook uses a compression method spreadsheets do not use.';
    } else {
      try {
        // One output chunk of the declared size (its checks above bound it): with zlib's 16 KB
        // chunks a 47 MB sheet was ~2,900 steps and a copy of the whole at the end (~40% slower).
        out = inflateRawSync(buf.subarray(start, start + part.compressed), {
          maxOutputLength: Math.max(part.size, 1),
          chunkSize: Math.max(part.size, 64),
        });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
          return `part ${part.name} of the workbook inflates beyond its declared size (zip bomb?).`;
        }
        return damaged(part.name, 'cannot be decompressed');
      }
      if (out.length !== part.size) return damaged(part.name, 'is not the size it declares');
    }
    if (crc32(out) !== part.crc) return damaged(part.name, 'fails its CRC-32 check');
    if (isXml(part.name)) {
      const rows = isWorksheet(part.name) ? { starts: [], opaque: false, sheetData: 0 } : undefined;
      const problem = xmlProblem(out, rows);
      if (problem) return `the file is damaged or hostile: part ${part.name} ${problem}.`;
      inflated.set(part.name, out);
      if (rows) sheetRows.set(part.name, rows);
    }
  }
  return null;
}

const damaged = (name: string, what: string) =>
  `the file is damaged: part ${name} ${what}, so none of the workbook can be trusted. Save it again from the program that made it.`;

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/** Worksheets and shared strings have their own ceilings (SheetJS holds them several times over). */
function partCeiling(name: string): { bytes: number; what: string } | null {
  if (/^xl\/sharedStrings\.xml$/i.test(name))
    return { bytes: MAX_SHARED_STRINGS_BYTES, what: 'shared strings' };
  if (isWorksheet(name) || /^content\.xml$/i.test(name)) {
    return { bytes: MAX_SHEET_XML_BYTES, what: 'a sheet' };
  }
  return null;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 65_557);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function zip64Sizes(
  buf: Buffer,
  extraStart: number,
  extraLen: number,
  v: { size: number; compressed: number; local: number },
): { size: number; compressed: number; local: number } {
  let q = extraStart;
  const end = extraStart + extraLen;
  while (q + 4 <= end) {
    const id = buf.readUInt16LE(q);
    const len = buf.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const n = Number(buf.readBigUInt64LE(r));
        r += 8;
        return n;
      };
      const size = v.size === 0xffffffff ? next() : v.size;
      const compressed = v.compressed === 0xffffffff ? next() : v.compressed;
      const local = v.local === 0xffffffff ? next() : v.local;
      return { size, compressed, local };
    }
    q += 4 + len;
  }
  return v;
}

/** An OLE compound file: a real .xls, or an encrypted (password-protected) xlsx. */
export const isCompoundFile = (buf: Buffer): boolean =>
  buf.length >= 8 && buf.readUInt32LE(0) === 0xe011cfd0 && buf.readUInt32LE(4) === 0xe11ab1a1;

export const isZip = (buf: Buffer): boolean => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;

/** Excel's "Encrypt with password" wraps the xlsx in a compound file with an EncryptedPackage stream. */
export const isEncryptedOoxml = (buf: Buffer): boolean =>
  isCompoundFile(buf) && buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
