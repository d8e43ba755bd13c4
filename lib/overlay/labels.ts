/**
 * Words and marks for the in-page badge. Kept here, free of zod, because the content script runs on every page
 * the user switched on and must stay small; tests/unit/overlay/labels.test.ts checks these agree with lib/domain.
 */
import type { Council, ReadinessState } from '../domain';

export const OVERLAY_COUNCILS: readonly Council[] = ['camden', 'haringey', 'islington'];

export const overlayCouncilName: Record<Council, string> = {
  camden: 'Camden',
  haringey: 'Haringey',
  islington: 'Islington',
};

/** One letter per council, so the badge never relies on colour alone (WCAG 1.4.1). */
export const overlayCouncilLetter: Record<Council, string> = { camden: 'C', haringey: 'H', islington: 'I' };

/** A mark that reads without colour: tick, exclamation, cross, dash. */
export const readinessMark: Record<ReadinessState, string> = {
  ready: '✓',
  'at-risk': '!',
  blocked: '✕',
  'not-applicable': '—',
};

/** Lower-case phrase for the accessible name: "Zoë Müller, Haringey, at risk: show details". */
export const readinessPhrase: Record<ReadinessState, string> = {
  ready: 'ready to transfer',
  'at-risk': 'at risk',
  blocked: 'blocked',
  'not-applicable': 'not transferring',
};

export function councilOfKey(key: string): Council | undefined {
  const council = key.slice(0, key.indexOf(':'));
  return (OVERLAY_COUNCILS as readonly string[]).includes(council) ? (council as Council) : undefined;
}

/** What the content script knows about one person: enough for the badge, nothing sensitive. */
export interface OverlayPerson {
  key: string;
  name: string;
  council: Council;
  /** Absent while the background's name index does not carry it; the badge then shows no mark. */
  readiness?: ReadinessState;
}

export interface BadgeInfo {
  keys: readonly string[];
  /** Council letter, or "?" when the name belongs to people in different councils. */
  letter: string;
  /** Short visible text next to the letter: the council name, or "2 people". */
  text: string;
  /** Readiness mark, or '' when unknown or when the candidates differ. */
  mark: string;
  /** Council for colour, or 'several'. */
  tone: Council | 'several';
  ariaLabel: string;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Badge words for the people a piece of text names. `people` are those of `keys` found in the index. */
export function describeBadge(keys: readonly string[], people: readonly OverlayPerson[]): BadgeInfo {
  const first = people[0];
  if (people.length === 1 && first) {
    const mark = first.readiness ? readinessMark[first.readiness] : '';
    const state = first.readiness ? `, ${readinessPhrase[first.readiness]}` : '';
    return {
      keys,
      letter: overlayCouncilLetter[first.council],
      text: overlayCouncilName[first.council],
      mark,
      tone: first.council,
      ariaLabel: `${first.name}, ${overlayCouncilName[first.council]}${state}: show details`,
    };
  }
  const councils = [...new Set(people.map((p) => p.council))];
  const oneCouncil = councils.length === 1 ? councils[0] : undefined;
  const states = [...new Set(people.map((p) => p.readiness))];
  const oneState = states.length === 1 ? states[0] : undefined;
  const name = first?.name ?? 'this name';
  return {
    keys,
    letter: oneCouncil ? overlayCouncilLetter[oneCouncil] : '?',
    text: `${people.length} people`,
    mark: oneState ? readinessMark[oneState] : '',
    tone: oneCouncil ?? 'several',
    ariaLabel: `${people.length} people named ${name}, ${joinWords(councils.map((c) => overlayCouncilName[c]))}: show details`,
  };
}
