import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../lib/bytes/base64';

describe('bytesToBase64', () => {
  it('matches Node for small and large inputs (chunked, no stack overflow)', () => {
    const small = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x00, 0xff]);
    expect(bytesToBase64(small)).toBe(Buffer.from(small).toString('base64'));
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});

describe('base64ToBytes', () => {
  it('gives back the bytes, in a buffer of their own that wider views can use', () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 13) % 256);
    const back = base64ToBytes(Buffer.from(big).toString('base64'));
    expect(back).toEqual(big);
    expect(back.byteOffset).toBe(0);
    expect(back.buffer.byteLength).toBe(big.length);
    expect(
      Array.from(new Int32Array(base64ToBytes(bytesToBase64(new Uint8Array(new Int32Array([-1, 7]).buffer))).buffer)),
    ).toEqual([-1, 7]);
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow();
  });
});
