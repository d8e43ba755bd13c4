/**
 * Runtime messaging for the overlay's two content scripts (the first stage and the whole overlay). No zod here:
 * requests are built against the protocol's types, and what comes in is checked by hand (overlay-messages.ts).
 */
import { browser } from 'wxt/browser';
import type { Matcher } from '../match';
import type { RequestInputOf, RequestType, ResponseOf } from '../messaging/protocol';
import { isOverlayMessage, type OverlayMessage } from './overlay-messages';

/** One request to the background; undefined when nothing usable came back. */
export async function askBackground<T extends RequestType>(msg: RequestInputOf<T>): Promise<ResponseOf<T> | undefined> {
  try {
    const answer = (await browser.runtime.sendMessage(msg)) as ResponseOf<T> | undefined;
    return answer && typeof answer === 'object' && 'ok' in answer ? answer : undefined;
  } catch {
    // Worker restarting or extension reloaded: the overlay simply stays off on this page.
    return undefined;
  }
}

/**
 * The first stage's matcher, left for the whole overlay it loads. Both content scripts run in the extension's
 * isolated world of the frame, so a global there reaches the second and never the page. Why: the whole overlay
 * would otherwise have the same matcher sent again (357 KB of JSON for the demo register) and unpack it again.
 */
const HANDED_MATCHER = Symbol.for('transition-lens.first-stage-matcher');

type Handed = { version: number; matcher: Matcher };

export function handOverMatcher(version: number, matcher: Matcher): void {
  (globalThis as { [HANDED_MATCHER]?: Handed })[HANDED_MATCHER] = { version, matcher };
}

/** The matcher the first stage left, once (later index versions are fetched whole). */
export function takeHandedMatcher(): Handed | undefined {
  const g = globalThis as { [HANDED_MATCHER]?: Handed };
  const handed = g[HANDED_MATCHER];
  delete g[HANDED_MATCHER];
  return handed;
}

/**
 * Answers the overlay messages our own extension sends this page (`handle` returns the answer, or undefined for
 * none). Returns a function that stops listening, safe to call after the extension has gone.
 */
export function answerOverlayMessages(handle: (message: OverlayMessage) => unknown): () => void {
  const onMessage = (message: unknown, sender: { id?: string }, sendResponse: (answer: unknown) => void) => {
    // Only our own extension can reach a content script through runtime messaging; check it all the same.
    if (sender.id !== browser.runtime.id || !isOverlayMessage(message)) return false;
    const result = handle(message);
    if (result === undefined) return false;
    // sendResponse rather than a returned Promise: Chromium without a polyfill ignores returned Promises.
    sendResponse(result);
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => {
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The extension context is already gone: nothing left to remove.
    }
  };
}
