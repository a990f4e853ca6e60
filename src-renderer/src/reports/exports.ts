/**
 * Browser-side exports: the chart as SVG or PNG, and a copy of the table as HTML that
 * Word pastes with its layout. The numbers come from the core's own export, never rebuilt here.
 */
import { drawKey } from './chart-key.ts';

/**
 * The chart's own drawing. Not the container's first svg: recharts puts its key before the chart,
 * and each swatch of the key is an svg, so the file held one 14-pixel square.
 */
function chartSvg(container: HTMLElement): SVGSVGElement {
  const svg = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
  if (!svg) throw new Error('There is no chart to save.');
  return svg;
}

/** The chart as a file of its own: the svg with a white background, a plain font and its key drawn in. */
function chartFile(container: HTMLElement): { text: string; width: number; height: number } {
  const svg = chartSvg(container);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  // The key goes where recharts put its own, under the plot (or under the picture), and the
  // picture grows to hold every line of it.
  const legend = container.querySelector('.recharts-legend-wrapper')?.getBoundingClientRect();
  const keyTop = legend ? Math.max(0, Math.round(legend.top - box.top)) : Math.round(box.height);
  const height = Math.max(Math.round(box.height), drawKey(container, copy, width, keyTop) + 4);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('viewBox');
  // A white background and a plain font, so the file looks the same outside the app.
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  copy.insertBefore(bg, copy.firstChild);
  copy.setAttribute('font-family', 'Arial, sans-serif');
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  return { text, width, height };
}

export const chartSvgText = (container: HTMLElement): string => chartFile(container).text;

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function chartPng(container: HTMLElement): Promise<Blob> {
  const { text: svgText, width, height } = chartFile(container);
  const scale = 2;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as a picture.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const g = canvas.getContext('2d')!;
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('The picture could not be made.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Puts the HTML (and a plain-text fallback) on the clipboard, so Word pastes a real table. */
export async function copyHtml(html: string, plain: string): Promise<void> {
  try {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      }),
    ]);
    return;
  } catch {
    // Older shells: copy a selected, off-screen rendering of the HTML instead.
  }
  const holder = document.createElement('div');
  holder.style.position = 'fixed';
  holder.style.left = '-10000px';
  holder.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  document.body.appendChild(holder);
  const range = document.createRange();
  range.selectNodeContents(holder);
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  const ok = document.execCommand('copy');
  sel.removeAllRanges();
  holder.remove();
  if (!ok) throw new Error('The table could not be copied: save it as Excel instead.');
}

export const fromBase64Utf8 = (b64: string): string =>
  new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
