/**
 * The workspace's icons as inline SVG, drawn in the text's colour. Emoji (⛔ ⚠️ ℹ️ 📎) need an
 * emoji font, which a plain Linux desktop often lacks: there they showed as empty boxes. SVG in
 * the page draws the same everywhere and loads nothing (the page's security policy allows none).
 * Each is decorative: the element around it carries the name a screen reader says.
 */
const svg = (paths: string) => `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${paths}</svg>`;

export const ICONS = {
  /** A no-entry sign: refused. */
  error: svg('<circle cx="8" cy="8" r="7" fill="currentColor"/><rect x="3.5" y="6.75" width="9" height="2.5" rx="0.5" fill="#fff"/>'),
  /** A triangle with an exclamation mark. */
  warning: svg('<path d="M8 1.2 15.2 14.5H0.8Z" fill="currentColor"/><rect x="7.1" y="5.5" width="1.8" height="5" fill="#fff"/><rect x="7.1" y="11.6" width="1.8" height="1.8" fill="#fff"/>'),
  /** A circled i. */
  info: svg('<circle cx="8" cy="8" r="7" fill="currentColor"/><rect x="7.1" y="7" width="1.8" height="5" fill="#fff"/><rect x="7.1" y="4" width="1.8" height="1.8" fill="#fff"/>'),
  /** A paper clip: an attached file. */
  file: svg('<path d="M10.5 4.5v6.2a2.5 2.5 0 0 1-5 0V3.8a1.6 1.6 0 0 1 3.2 0v6.6a.7.7 0 0 1-1.4 0V4.5" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linecap="round"/>'),
} as const;
