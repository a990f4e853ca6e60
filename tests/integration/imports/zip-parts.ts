import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';

/** A workbook's zip parts by name (directory entries and SheetJS's own marker left out). */
export function readParts(zip: Buffer): Map<string, Buffer> {
  const cfb = XLSX.CFB.read(zip, { type: 'buffer' });
  const parts = new Map<string, Buffer>();
  cfb.FullPaths.forEach((full: string, i: number) => {
    const entry = cfb.FileIndex[i]!;
    if (entry.type !== 2 || full.endsWith('/') || full.includes('\u0001')) return;
    parts.set(full.replace(/^Root Entry\//, ''), Buffer.from(entry.content as Uint8Array));
  });
  return parts;
}

/** A valid zip of the parts (deflated, correct CRC-32 and sizes), as Excel would write it. */
export function writeParts(parts: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const body = deflateRawSync(data);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, body);
    centrals.push(central, n);
    offset += local.length + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The workbook with one part's text changed (the zip stays valid: only the content differs). */
export function editPart(zip: Buffer, name: string, edit: (xml: string) => string): Buffer {
  const parts = readParts(zip);
  const xml = parts.get(name);
  if (!xml) throw new Error(`no part ${name} (parts: ${[...parts.keys()].join(', ')})`);
  parts.set(name, Buffer.from(edit(xml.toString('utf8'))));
  return writeParts(parts);
}

/** Mulberry32: a small seeded generator, so "random" damage is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
