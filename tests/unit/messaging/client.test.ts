import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { isRegisterChanged, onRegisterChanged, request, sendMessage } from '../../../lib/messaging/client';

/** Makes the background answer every request with `value`. */
function answer(value: unknown) {
  // The typed overloads of sendMessage resolve to void; the real one resolves to the listener's answer.
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => value) as never);
}

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('sendMessage', () => {
  it('returns the background answer as it is', async () => {
    answer({ ok: true, data: { version: 3, total: 0 } });
    expect(await sendMessage({ type: 'getSummary' })).toEqual({ ok: true, data: { version: 3, total: 0 } });
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'getSummary' });
  });

  it.each([
    [new Error('Could not establish connection. Receiving end does not exist.'), /^Could not reach the extension/],
    [new Error('Extension context invalidated.'), /^Transition Lens was updated\. Reload the page/],
  ])('never throws: %s becomes a plain error', async (error, message) => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(error);
    const r = await sendMessage({ type: 'getCard', keys: ['camden:1'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  it('treats a missing answer as an error', async () => {
    answer(undefined);
    expect(await sendMessage({ type: 'getSummary' })).toEqual({
      ok: false,
      error: 'The extension did not answer. Reload the page and try again.',
    });
  });

  it('request() throws the plain sentence for loaders', async () => {
    answer({ ok: false, error: 'There is no import to undo.' });
    await expect(request({ type: 'undoLastImport' })).rejects.toThrow('There is no import to undo.');
  });
});

describe('onRegisterChanged', () => {
  it('hears registerChanged broadcasts only, until unsubscribed', async () => {
    const heard: number[] = [];
    const stop = onRegisterChanged((v) => heard.push(v));
    await fakeBrowser.runtime.onMessage.trigger({ type: 'registerChanged', version: 4 }, {});
    await fakeBrowser.runtime.onMessage.trigger({ type: 'getSummary' }, {});
    await fakeBrowser.runtime.onMessage.trigger({ type: 'registerChanged', version: 'x' }, {});
    stop();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'registerChanged', version: 5 }, {});
    expect(heard).toEqual([4]);
  });

  it.each([
    [{ type: 'registerChanged', version: 1 }, true],
    [{ type: 'registerChanged', version: 1.5 }, false],
    [{ type: 'registerChanged' }, false],
    [null, false],
  ])('isRegisterChanged(%j) is %s', (m, expected) => {
    expect(isRegisterChanged(m)).toBe(expected);
  });
});
