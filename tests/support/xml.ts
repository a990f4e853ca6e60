/**
 * A strict reader of the XML the app writes (and LibreOffice gives back), for tests: it refuses
 * what is not well formed (unbalanced or mismatched tags, an unquoted or repeated attribute, a bare
 * "&" or "<", an unknown entity, a character XML cannot hold, text outside the root, two roots),
 * naming where. No DTDs, CDATA or processing instructions other than the declaration.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`XML: "<" in text or attribute at ${at}`);
  return raw.replace(/&([^;]*);|&/g, (m, e: string | undefined) => {
    if (e === undefined) throw new Error(`XML: a bare "&" at ${at}`);
    if (e in ENTITIES) return ENTITIES[e]!;
    const code = /^#x[0-9a-f]+$/i.test(e)
      ? parseInt(e.slice(2), 16)
      : /^#\d+$/.test(e)
        ? Number(e.slice(1))
        : NaN;
    if (Number.isNaN(code)) throw new Error(`XML: unknown entity ${m} at ${at}`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(xml: string): XmlElement {
  if (NOT_XML.test(xml)) throw new Error('XML: holds a character XML cannot hold');
  let i = 0;
  const declaration = /^\uFEFF?<\?xml\s[^?]*\?>/.exec(xml);
  if (declaration) i = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (text) {
      if (stack.length === 0) {
        if (text.trim()) throw new Error(`XML: text outside the root at ${i}`);
      } else stack.at(-1)!.children.push(decode(text, i));
    }
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) throw new Error(`XML: unterminated comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(xml.slice(i, i + 200));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1])
        throw new Error(
          `XML: closing tag ${m?.[1] ?? '?'} does not match ${open?.name ?? 'nothing'} at ${i}`,
        );
      i += m[0].length;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1, i + 201));
    if (!name) throw new Error(`XML: a bare "<" at ${i}`);
    const element: XmlElement = { name: name[0], attributes: {}, children: [] };
    let j = i + 1 + name[0].length;
    for (;;) {
      const space = /^\s*/.exec(xml.slice(j, j + 200))![0].length;
      j += space;
      if (xml.startsWith('/>', j) || xml[j] === '>') break;
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(j));
      if (!attr || space === 0) throw new Error(`XML: a malformed attribute in <${element.name}> at ${j}`);
      if (attr[1]! in element.attributes)
        throw new Error(`XML: attribute ${attr[1]} twice in <${element.name}> at ${j}`);
      element.attributes[attr[1]!] = decode(attr[3] ?? attr[4]!, j);
      j += attr[0].length;
    }
    if (stack.length) stack.at(-1)!.children.push(element);
    else if (root) throw new Error(`XML: a second root <${element.name}> at ${i}`);
    else root = element;
    if (xml.startsWith('/>', j)) i = j + 2;
    else {
      stack.push(element);
      i = j + 1;
    }
  }
  if (stack.length) throw new Error(`XML: <${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('XML: no root element');
  return root;
}

/** Every element named so, in document order, below (and including) this one. */
export function descendants(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = node.name === name ? [node] : [];
  for (const c of node.children) if (typeof c !== 'string') found.push(...descendants(c, name));
  return found;
}

export const childElements = (node: XmlElement, name: string): XmlElement[] =>
  node.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
