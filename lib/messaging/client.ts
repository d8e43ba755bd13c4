import { browser } from 'wxt/browser';
import { RegisterChanged, type RequestInputOf, type RequestType, type ResponseMap, type ResponseOf } from './protocol';

/**
 * Sends one request to the background and never throws: a closed service worker, an extension update in
 * progress or a handler error all come back as `{ ok: false, error }` with a plain sentence.
 *
 * Usable from extension pages and from content scripts (which may only send getNameIndex, getCard, pageReport).
 */
export async function sendMessage<T extends RequestType>(msg: RequestInputOf<T>): Promise<ResponseOf<T>> {
  try {
    const answer: unknown = await browser.runtime.sendMessage(msg);
    if (isResult(answer)) return answer as ResponseOf<T>;
    return { ok: false, error: 'The extension did not answer. Reload the page and try again.' };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/context invalidated/i.test(text)) {
      return { ok: false, error: 'Transition Lens was updated. Reload the page to carry on.' };
    }
    return { ok: false, error: `Could not reach the extension: ${text}` };
  }
}

/** Like sendMessage, but throws the plain error sentence: handy inside React Query-style loaders. */
export async function request<T extends RequestType>(msg: RequestInputOf<T>): Promise<ResponseMap[T]> {
  const r = await sendMessage<T>(msg);
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

/** Calls `listener` whenever the background reports a new register version. Returns an unsubscribe function. */
export function onRegisterChanged(listener: (version: number) => void): () => void {
  const handler = (message: unknown) => {
    if (isRegisterChanged(message)) listener(message.version);
    // Returning nothing: other listeners (the background) answer requests, not us.
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

export function isRegisterChanged(x: unknown): x is RegisterChanged {
  const m = x as { type?: unknown; version?: unknown } | null;
  return typeof m === 'object' && m !== null && m.type === 'registerChanged' && Number.isInteger(m.version);
}

function isResult(x: unknown): x is { ok: boolean } {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean';
}
