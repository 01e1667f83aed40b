'use client';

/**
 * Skip links, first in the tab order: to the page's content and, on a lesson, straight into the
 * lab's terminal (two Tab presses and Enter from the top of a lesson put the keys in the terminal).
 */
import { usePathname } from 'next/navigation';
import type { MouseEvent } from 'react';

function focusLabTerminal(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  // On a phone the lab is a sheet that may be collapsed: open it first.
  window.dispatchEvent(new Event('docknet:open-lab'));
  window.requestAnimationFrame(() => {
    const input = document.querySelector<HTMLElement>('#lab-terminal [role="tabpanel"]:not([hidden]) .xterm-helper-textarea');
    (input ?? document.getElementById('lab-terminal'))?.focus();
  });
}

export function SkipLinks() {
  const pathname = usePathname();
  const lesson = pathname?.startsWith('/lessons/') ?? false;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {lesson ? (
        <a href="#lab-terminal" className="skip-link" onClick={focusLabTerminal}>
          Skip to the lab terminal
        </a>
      ) : null}
    </>
  );
}
