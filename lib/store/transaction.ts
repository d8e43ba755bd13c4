import type { IDBPTransaction } from 'idb';
import { MESSAGES, StoreError } from './db';

/**
 * Runs `body` inside an already-open readwrite transaction and waits for the commit. Any error aborts the
 * transaction, so either every write lands or none does.
 *
 * `body` may await only IndexedDB requests: awaiting anything else (a fetch, a timer, a message) lets the
 * transaction auto-commit half-way, which is exactly what makes an import non-atomic.
 * `track` collects write requests so their failures are awaited and none is left as an unhandled rejection.
 */
export async function inTransaction<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any store list of any schema
  tx: IDBPTransaction<any, any, 'readwrite'>,
  body: (track: <P>(request: Promise<P>) => Promise<P>) => Promise<T>,
): Promise<T> {
  const pending: Promise<unknown>[] = [];
  const track = <P>(request: Promise<P>): Promise<P> => {
    pending.push(request);
    return request;
  };
  try {
    const result = await body(track);
    await Promise.all(pending);
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the browser (e.g. on a quota error).
    }
    await Promise.allSettled([...pending, tx.done]);
    throw translateError(e, tx.error);
  }
}

export function isQuotaError(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    'name' in e &&
    ((e as { name: unknown }).name === 'QuotaExceededError' ||
      // Firefox before it adopted the standard name.
      (e as { name: unknown }).name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}

function translateError(e: unknown, txError: DOMException | null): unknown {
  if (isQuotaError(e) || isQuotaError(txError)) return new StoreError(MESSAGES.quota);
  return e;
}
