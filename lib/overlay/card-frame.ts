/**
 * The details card: an iframe of the extension's own `card.html`, shown next to a badge on hover or focus.
 *
 * Why an iframe of an extension page: the card asks the background for the person's facts itself, so TUPE
 * steps, readiness blockers and pension items stay in the extension's origin; the page (and this content
 * script) only ever hold the name index. The iframe sits in one `<tl-card>` host with a closed shadow root,
 * fixed-positioned by the badge, and is reused from one badge to the next (only its `#` part changes).
 *
 * Talking back (Escape pressed inside the card, its height) goes through `browser.runtime` messages, handled by
 * the content script: never `window.postMessage`, which any page script could forge.
 */
import { CARD_TAG, resetHost, type Badge } from './badge';

export interface CardControllerOptions {
  doc: Document;
  /** URL of the card page for these people, e.g. `chrome-extension://…/card.html#key=…&card=…`. */
  cardUrl(keys: readonly string[], cardId: string): string;
  hoverDelayMs?: number;
  closeDelayMs?: number;
  width?: number;
  height?: number;
}

export interface CardController {
  /** Adds hover, focus and keyboard behaviour to a new badge. */
  attach(badge: Badge): void;
  open(badge: Badge, how: 'hover' | 'focus'): void;
  /** Closes the card; with `returnFocus` the badge that opened it gets the focus back. */
  close(returnFocus?: boolean): void;
  /** The card page reported its content height. */
  resize(height: number): void;
  readonly openBadge: Badge | undefined;
  /** Identifies this page's card in messages from the card page. */
  readonly cardId: string;
  /** Removes the card host and every listener. */
  destroy(): void;
}

const CARD_CSS = `
iframe{display:block;border:2px solid #0b0c0c;border-radius:4px;background:#fff;color-scheme:light;
  box-shadow:0 4px 16px rgba(0,0,0,.25);width:100%;height:100%}
`;

function randomId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createCardController(options: CardControllerOptions): CardController {
  const { doc } = options;
  const win = doc.defaultView as Window;
  const hoverDelay = options.hoverDelayMs ?? 300;
  const closeDelay = options.closeDelayMs ?? 300;
  const width = options.width ?? 360;
  let height = options.height ?? 300;
  const cardId = randomId();
  const byButton = new WeakMap<EventTarget, Badge>();

  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let current: Badge | undefined;
  let openedBy: 'hover' | 'focus' | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;
  let focusingBack: Badge | undefined;

  function clearTimers(): void {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    openTimer = undefined;
    closeTimer = undefined;
  }

  function ensureHost(): { host: HTMLElement; frame: HTMLIFrameElement } {
    if (host && frame && host.isConnected) return { host, frame };
    host = doc.createElement(CARD_TAG);
    resetHost(host, 'none');
    const s = host.style;
    s.setProperty('position', 'fixed', 'important');
    s.setProperty('z-index', '2147483647', 'important');
    s.setProperty('width', `${width}px`, 'important');
    const shadow = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    shadow.adoptedStyleSheets = [sheet];
    frame = doc.createElement('iframe');
    frame.title = 'Staff details';
    // No `allow` features and no `sandbox`: an extension page needs its own scripts and extension APIs.
    shadow.append(frame);
    host.addEventListener('pointerenter', () => {
      clearTimeout(closeTimer);
      closeTimer = undefined;
    });
    host.addEventListener('pointerleave', () => {
      if (openedBy === 'hover') scheduleClose();
    });
    // Outside <body>: the page's own scripts that walk the body never meet it.
    doc.documentElement.append(host);
    return { host, frame };
  }

  function place(): void {
    if (!current || !host) return;
    const r = current.host.getBoundingClientRect();
    const vw = win.innerWidth;
    const vh = win.innerHeight;
    const w = Math.min(width, vw - 16);
    let left = Math.min(Math.max(8, r.left), Math.max(8, vw - w - 8));
    let top = r.bottom + 4;
    if (top + height > vh - 8 && r.top - height - 4 >= 8) top = r.top - height - 4;
    top = Math.max(8, Math.min(top, Math.max(8, vh - height - 8)));
    if (!Number.isFinite(left)) left = 8;
    const s = host.style;
    s.setProperty('left', `${Math.round(left)}px`, 'important');
    s.setProperty('top', `${Math.round(top)}px`, 'important');
    s.setProperty('width', `${Math.round(w)}px`, 'important');
    s.setProperty('height', `${Math.round(height)}px`, 'important');
  }

  const onViewportChange = () => place();

  function onDocFocusIn(event: Event): void {
    if (!current) return;
    const target = event.target;
    if (target === host || target === current.host) return;
    close(false);
  }

  function onDocKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && current && openedBy === 'hover') close(false);
  }

  function open(badge: Badge, how: 'hover' | 'focus'): void {
    if (destroyed) return;
    clearTimers();
    if (current === badge) {
      if (how === 'focus') openedBy = 'focus';
      return;
    }
    if (current) current.button.setAttribute('aria-expanded', 'false');
    const parts = ensureHost();
    current = badge;
    openedBy = how;
    const url = options.cardUrl(badge.keys, cardId);
    if (parts.frame.src !== url) parts.frame.src = url;
    parts.host.style.setProperty('display', 'block', 'important');
    badge.button.setAttribute('aria-expanded', 'true');
    place();
    win.addEventListener('scroll', onViewportChange, { passive: true, capture: true });
    win.addEventListener('resize', onViewportChange, { passive: true });
    doc.addEventListener('focusin', onDocFocusIn, true);
    doc.addEventListener('keydown', onDocKeyDown, true);
  }

  function close(returnFocus = false): void {
    clearTimers();
    const badge = current;
    if (!badge) return;
    current = undefined;
    openedBy = undefined;
    badge.button.setAttribute('aria-expanded', 'false');
    host?.style.setProperty('display', 'none', 'important');
    win.removeEventListener('scroll', onViewportChange, { capture: true });
    win.removeEventListener('resize', onViewportChange);
    doc.removeEventListener('focusin', onDocFocusIn, true);
    doc.removeEventListener('keydown', onDocKeyDown, true);
    if (returnFocus && badge.host.isConnected) {
      // Giving the focus back must not open the card again: Escape means "closed" until the user asks again.
      focusingBack = badge;
      badge.button.focus();
      focusingBack = undefined;
    }
  }

  function scheduleClose(): void {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => close(false), closeDelay);
  }

  // Shared listeners: one set of functions for every badge, looked up by the element that fired.
  function onEnter(event: Event): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    if (!badge) return;
    if (current === badge) {
      clearTimeout(closeTimer);
      closeTimer = undefined;
      return;
    }
    clearTimeout(openTimer);
    openTimer = setTimeout(() => open(badge, 'hover'), hoverDelay);
  }

  function onLeave(event: Event): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    clearTimeout(openTimer);
    openTimer = undefined;
    if (badge && current === badge && openedBy === 'hover') scheduleClose();
  }

  function onFocus(event: Event): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    if (badge && badge !== focusingBack) open(badge, 'focus');
  }

  function onBlur(event: Event): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    if (!badge || current !== badge) return;
    // Focus moving into the card's iframe is not "away": check once the focus has settled.
    setTimeout(() => {
      if (current !== badge) return;
      if (doc.activeElement === host || badge.shadow.activeElement === badge.button) return;
      if (openedBy === 'focus') close(false);
    }, 50);
  }

  function onKey(event: KeyboardEvent): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    if (!badge) return;
    if (event.key === 'Escape') {
      if (current) {
        event.preventDefault();
        event.stopPropagation();
        close(false);
      }
    } else if (event.key === 'Tab' && !event.shiftKey && current === badge && frame) {
      // The card's host sits at the end of the document, so the browser's own Tab order would skip it: move
      // focus into the card, which is what a disclosure's content next to its button should get.
      event.preventDefault();
      frame.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (current === badge) close(false);
      else open(badge, 'focus');
    }
  }

  function onClick(event: Event): void {
    const badge = byButton.get(event.currentTarget as EventTarget);
    if (!badge) return;
    // The badge is ours: a click on it must not also follow a link or trigger the page's own handlers.
    event.preventDefault();
    event.stopPropagation();
    open(badge, 'focus');
  }

  return {
    attach(badge) {
      const b = badge.button;
      byButton.set(b, badge);
      b.addEventListener('pointerenter', onEnter);
      b.addEventListener('pointerleave', onLeave);
      b.addEventListener('focus', onFocus);
      b.addEventListener('blur', onBlur);
      b.addEventListener('keydown', onKey);
      b.addEventListener('click', onClick);
    },
    open,
    close,
    resize(h) {
      if (!Number.isFinite(h)) return;
      height = Math.max(120, Math.min(Math.round(h), Math.max(160, win.innerHeight - 16)));
      place();
    },
    get openBadge() {
      return current;
    },
    cardId,
    destroy() {
      close(false);
      destroyed = true;
      host?.remove();
      host = undefined;
      frame = undefined;
    },
  };
}
