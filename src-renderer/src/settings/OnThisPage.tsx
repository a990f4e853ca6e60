import type { MouseEvent } from 'react';

/** A section of a long screen: its heading's id and the heading's words. */
export interface PageSection {
  id: string;
  label: string;
}

/**
 * "On this page": a link to each section's heading, first in the screen's tab order, so a keyboard
 * user reaches a section in a few key presses rather than Tab through every control before it
 * (Settings' Targets lay some 140 presses down). A link moves focus to the heading itself (made
 * focusable by script only, so it is no Tab stop of its own), and the next Tab goes on into its
 * section. The address is left alone: it names the screen (#/settings), not a place in it.
 */
export function OnThisPage({ sections }: { sections: readonly PageSection[] }) {
  const go = (e: MouseEvent, id: string) => {
    e.preventDefault();
    const heading = document.getElementById(id);
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  };
  return (
    <nav className="on-this-page" aria-labelledby="on-this-page-title">
      <h2 id="on-this-page-title">On this page</h2>
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} onClick={(e) => go(e, s.id)}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
