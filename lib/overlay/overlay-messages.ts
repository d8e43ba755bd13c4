/**
 * Messages the content script answers, sent with `browser.tabs.sendMessage` by the side panel, the card page and
 * the background. Checked by hand (no zod in the content script). `registerChanged` is the background's broadcast
 * from lib/messaging/protocol.ts.
 */
export type OverlayMessage =
  /** Side panel: who has a badge on this page. Answer: PeopleOnPage. */
  | { type: 'tl:peopleOnPage' }
  /** Side panel: scroll to the first badge for these keys and focus it. Answer: RevealResult. */
  | { type: 'tl:reveal'; keys: string[] }
  /** Card page: Escape was pressed inside the card; close it and give the badge the focus back. */
  | { type: 'tl:cardClose'; card: string }
  /** Card page: its content height in CSS pixels. */
  | { type: 'tl:cardSize'; card: string; height: number }
  /** Background: the site was switched off; remove every badge and stop. */
  | { type: 'tl:overlayStop' }
  | { type: 'registerChanged'; version: number };

export interface PeopleOnPage {
  url: string;
  /** Register version of the name index the page was annotated with, or null before it arrived. */
  version: number | null;
  people: { keys: string[]; count: number; names: string[] }[];
}

export interface RevealResult {
  found: boolean;
}

const KEY = /^(camden|haringey|islington):[^\s:]+$/;

function isKeys(x: unknown): x is string[] {
  return Array.isArray(x) && x.length > 0 && x.length <= 50 && x.every((k) => typeof k === 'string' && KEY.test(k));
}

export function isOverlayMessage(x: unknown): x is OverlayMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  switch (m.type) {
    case 'tl:peopleOnPage':
    case 'tl:overlayStop':
      return true;
    case 'tl:reveal':
      return isKeys(m.keys);
    case 'tl:cardClose':
      return typeof m.card === 'string';
    case 'tl:cardSize':
      return typeof m.card === 'string' && typeof m.height === 'number' && Number.isFinite(m.height);
    case 'registerChanged':
      return typeof m.version === 'number' && Number.isInteger(m.version);
    default:
      return false;
  }
}
