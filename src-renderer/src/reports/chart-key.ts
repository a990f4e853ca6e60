/**
 * The chart's key drawn into a saved SVG (and so its PNG). recharts writes the key as HTML beside its
 * svg, so a file of the svg alone had none: each label is drawn here after its own swatch (the key's
 * pattern or dash, from the chart's defs), spaced, and taken to a new line where the next would not fit.
 */
const SVG = 'http://www.w3.org/2000/svg';
const FONT_SIZE = 12;
const FONT = `${FONT_SIZE}px Arial, sans-serif`;
const SWATCH = 14;
/** Between a swatch and its label, and between one entry and the next. */
const GAP = 4;
const SPACE = 16;
const ROW = 20;
const MARGIN = 8;

/** The width a label takes in the file's font, with a margin for another machine's Arial. */
function measurer(): (text: string) => number {
  const g = document.createElement('canvas').getContext('2d');
  if (!g) return (text) => text.length * FONT_SIZE * 0.6;
  g.font = FONT;
  return (text) => Math.ceil(g.measureText(text).width * 1.05);
}

/** A label too wide for a whole line on its own, broken between words into lines that fit. */
function wrapLabel(label: string, room: number, width: (t: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && width(next) > room) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return [...lines, line];
}

/**
 * Draws the key of the chart in `container` into `svg` (the copy being saved, `width` wide) from
 * `top` down, and returns where it ends (`top` when the chart has no key).
 */
export function drawKey(container: HTMLElement, svg: SVGSVGElement, width: number, top: number): number {
  const items = [...container.querySelectorAll<HTMLElement>('.recharts-legend-item')];
  if (!items.length) return top;
  const textWidth = measurer();
  const ink = getComputedStyle(items[0]!.querySelector('.recharts-legend-item-text') ?? items[0]!).color;
  const key = document.createElementNS(SVG, 'g');
  key.setAttribute('class', 'chart-key');
  key.setAttribute('font-size', String(FONT_SIZE));
  const room = width - 2 * MARGIN;
  let x = MARGIN;
  let y = top;
  for (const item of items) {
    const label = item.querySelector('.recharts-legend-item-text')?.textContent ?? item.textContent ?? '';
    const lines = wrapLabel(label, room - SWATCH - GAP, textWidth);
    const entry = SWATCH + GAP + Math.max(...lines.map(textWidth));
    if (x > MARGIN && x + entry > width - MARGIN) {
      x = MARGIN;
      y += ROW;
    }
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'chart-key-item');
    // The key's own swatch (without its 'legend icon' name), at the label's size.
    const swatch = document.createElementNS(SVG, 'svg');
    const icon = item.querySelector('svg');
    swatch.setAttribute('x', String(x));
    swatch.setAttribute('y', String(y + (ROW - SWATCH) / 2));
    swatch.setAttribute('width', String(SWATCH));
    swatch.setAttribute('height', String(SWATCH));
    swatch.setAttribute('viewBox', icon?.getAttribute('viewBox') ?? '0 0 32 32');
    for (const child of icon?.childNodes ?? []) swatch.appendChild(child.cloneNode(true));
    g.appendChild(swatch);
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', String(x + SWATCH + GAP));
    text.setAttribute('y', String(y + ROW / 2 + FONT_SIZE * 0.35));
    text.setAttribute('fill', ink);
    lines.forEach((line, i) => {
      const span = document.createElementNS(SVG, 'tspan');
      span.setAttribute('x', String(x + SWATCH + GAP));
      if (i > 0) span.setAttribute('dy', String(ROW));
      span.textContent = line;
      text.appendChild(span);
    });
    g.appendChild(text);
    key.appendChild(g);
    x += entry + SPACE;
    y += (lines.length - 1) * ROW;
    if (lines.length > 1) x = width; // the next entry starts a line of its own
  }
  svg.appendChild(key);
  return y + ROW;
}
