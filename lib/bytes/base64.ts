/**
 * Base64 for bytes, where text is the only way to carry them (runtime messaging is JSON). Uses the engine's own
 * codec (`Uint8Array.prototype.toBase64`, `Uint8Array.fromBase64`) where there is one, else `btoa`/`atob` in
 * chunks (one `String.fromCharCode` call over megabytes would overflow the stack).
 */
type NativeEncode = { toBase64?(this: Uint8Array): string };
type NativeDecode = { fromBase64?(s: string): Uint8Array };

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & NativeEncode).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/**
 * The bytes of a base64 text, in a buffer of their own that starts with them, so that views of other widths
 * (`new Int32Array(bytes.buffer)`) can be made on it. Throws on text that is not base64.
 */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as NativeDecode).fromBase64;
  if (native) {
    const bytes = native(text);
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes as Uint8Array<ArrayBuffer>)
      : (bytes.slice() as Uint8Array<ArrayBuffer>);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
