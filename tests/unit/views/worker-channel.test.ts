import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestOverChannel } from '../../../entrypoints/options/worker-channel';

/*
 * The dashboard's channel to the background's service worker: the request goes with a port, the answer comes back
 * on it ({ ok, data } or { ok: false, error }), and with no worker to post to it fails so the caller can fall back.
 */

function fakeWorker(answer: (msg: unknown) => unknown) {
  const posted: unknown[] = [];
  const worker = {
    postMessage(msg: unknown, transfer: MessagePort[]) {
      posted.push(msg);
      transfer[0]!.postMessage({ received: true });
      transfer[0]!.postMessage(answer(msg));
    },
  };
  vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ active: worker }) } });
  return posted;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('requestOverChannel', () => {
  it('posts the request with a port and resolves with the answer', async () => {
    const posted = fakeWorker(() => ({ ok: true, data: { version: 3, total: 0, records: [], damaged: [] } }));
    await expect(requestOverChannel({ type: 'getRegister', offset: 0, limit: 10 })).resolves.toEqual({
      version: 3,
      total: 0,
      records: [],
      damaged: [],
    });
    expect(posted).toEqual([{ type: 'getRegister', offset: 0, limit: 10 }]);
  });

  it("rejects with the background's plain error", async () => {
    fakeWorker(() => ({ ok: false, error: 'The register could not be read.' }));
    await expect(requestOverChannel({ type: 'getRegister' })).rejects.toThrow('The register could not be read.');
  });

  it('rejects when the worker does not take the request (an older background), so the caller can fall back', async () => {
    vi.useFakeTimers();
    try {
      const silent = { postMessage: () => undefined };
      vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ active: silent }) } });
      const answer = requestOverChannel({ type: 'getRegister' });
      const failed = expect(answer).rejects.toThrow('did not take the request');
      await vi.advanceTimersByTimeAsync(5_000);
      await failed;
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits as long as it takes once the worker has taken the request', async () => {
    vi.useFakeTimers();
    try {
      const slow = {
        postMessage(_msg: unknown, transfer: MessagePort[]) {
          transfer[0]!.postMessage({ received: true });
          setTimeout(() => transfer[0]!.postMessage({ ok: true, data: 'late' }), 60_000);
        },
      };
      vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ active: slow }) } });
      const answer = requestOverChannel({ type: 'getSettings' });
      await vi.advanceTimersByTimeAsync(60_000);
      await expect(answer).resolves.toBe('late');
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects when there is no service worker to post to', async () => {
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => undefined } });
    await expect(requestOverChannel({ type: 'getRegister' })).rejects.toThrow('No service worker');
    vi.stubGlobal('navigator', {});
    await expect(requestOverChannel({ type: 'getRegister' })).rejects.toThrow('No service worker');
  });
});
