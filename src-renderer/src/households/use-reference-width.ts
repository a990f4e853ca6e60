import { useLayoutEffect, useState, type RefObject } from 'react';

/** A cell's padding either side (households.css .hh-row > span), and a pixel for rounding. */
const PADDING = 2 * 5 + 1;

/**
 * The width the reference column needs for every reference drawn so far, read from the links
 * themselves as laid out (the font, its size and the zoom are the screen's): the reference tells
 * the rows apart, and at its old fixed width "ENQ-2611-001" read "ENQ-261…" on every row
 * (helper-273). Each row is a grid of its own (virtual scrolling), so no column can size itself
 * to its cells. Measured after each render, before it is painted, so a reference is never drawn
 * cut; it only grows, so the columns do not shift back and forth as the list scrolls.
 */
export function useReferenceWidth(scroller: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    let widest = 0;
    for (const a of scroller.current?.querySelectorAll('.hh-ref a') ?? [])
      widest = Math.max(widest, a.getBoundingClientRect().width);
    const need = Math.ceil(widest) + PADDING;
    if (widest > 0 && need > width) setWidth(need);
  });
  return width;
}
