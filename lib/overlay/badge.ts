/**
 * The badge placed after a recognised name: a `<tl-badge data-staff-key="…">` host with a closed shadow root.
 *
 * Why a closed shadow root: the page's scripts and styles cannot read or restyle what is inside (the council and
 * readiness words stay out of reach of page code), and our styles cannot leak into the page. Styles go in through
 * a constructed stylesheet (`adoptedStyleSheets`), which a strict `style-src` Content Security Policy does not
 * block, unlike a `<style>` element. Every text is set with `textContent`: data never becomes markup.
 */
import type { BadgeInfo } from './labels';

export const BADGE_TAG = 'tl-badge';
export const CARD_TAG = 'tl-card';

export interface Badge {
  host: HTMLElement;
  /** The focusable element inside the shadow root (role button). */
  button: HTMLElement;
  shadow: ShadowRoot;
  keys: readonly string[];
  /** When the badge split a text node, the text node created after it, merged back when the badge goes. */
  remainder?: Text;
}

const BADGE_CSS = `
:host{display:inline-block;margin:0 0 0 .25em;padding:0;border:0;float:none;position:static;vertical-align:baseline}
.b{display:inline-flex;align-items:stretch;font:600 12px/1.25 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;
  color:#0b0c0c;background:#fff;border:1px solid currentColor;border-radius:3px;cursor:pointer;white-space:nowrap;
  letter-spacing:0;text-transform:none;text-decoration:none;vertical-align:baseline;overflow:hidden}
.b:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 4px #0b0c0c}
.b:focus:not(:focus-visible){outline:none;box-shadow:none}
.l{padding:0 4px;color:#fff;background:#505a5f}
.t{padding:0 4px}
.m{padding:0 4px 0 0}
.camden .l{background:#005a87}.camden{color:#005a87}
.haringey .l{background:#6c2a8f}.haringey{color:#6c2a8f}
.islington .l{background:#a4133a}.islington{color:#a4133a}
.t,.m{color:#0b0c0c}
@media (forced-colors:active){.l{forced-color-adjust:none;border-right:1px solid}}
`;

let sharedSheet: CSSStyleSheet | undefined;

/** One stylesheet object adopted by every badge on the page (cheap: shared, parsed once). */
export function badgeStyleSheet(): CSSStyleSheet {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(BADGE_CSS);
  }
  return sharedSheet;
}

/**
 * Resets the card host against page rules such as `* { display: block; margin: 1em }`. Not used on badges:
 * measured in Chromium on a 20,000-row page, an inline `all: initial` on 3,000 badges tripled the style
 * recalculation after insertion; badges rely on their `:host` rule instead.
 */
export function resetHost(host: HTMLElement, display: string): void {
  const s = host.style;
  s.setProperty('all', 'initial', 'important');
  s.setProperty('display', display, 'important');
}

export function createBadge(doc: Document, info: BadgeInfo): Badge {
  const host = doc.createElement(BADGE_TAG);
  host.setAttribute('data-staff-key', info.keys.join(' '));
  const shadow = host.attachShadow({ mode: 'closed' });
  shadow.adoptedStyleSheets = [badgeStyleSheet()];

  const button = doc.createElement('span');
  button.className = `b ${info.tone}`;
  button.setAttribute('role', 'button');
  button.setAttribute('tabindex', '0');
  button.setAttribute('aria-label', info.ariaLabel);
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const letter = doc.createElement('span');
  letter.className = 'l';
  letter.textContent = info.letter;
  const text = doc.createElement('span');
  text.className = 't';
  text.textContent = info.text;
  button.append(letter, text);
  if (info.mark) {
    const mark = doc.createElement('span');
    mark.className = 'm';
    mark.textContent = info.mark;
    button.append(mark);
  }
  // The visible words repeat the accessible name; hide them from assistive technology so it is read once.
  for (const child of button.children) child.setAttribute('aria-hidden', 'true');
  shadow.append(button);
  return { host, button, shadow, keys: info.keys };
}
