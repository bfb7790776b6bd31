/**
 * Browser-safe byte helpers: UTF-8 via TextEncoder/TextDecoder, base64 without Buffer or btoa's Latin-1 trap.
 * Pure functions; no Node-only APIs (the engine runs in a Web Worker).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes of a string. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** String from UTF-8 bytes (invalid sequences become U+FFFD, as Java's decoder does). */
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/**
 * UTF-8 byte length of the compact JSON text of `value` — what AWS counts against the 262,144-byte payload quota
 * (docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html). `undefined` counts as 0.
 */
export function byteLength(value: unknown): number {
  const text = JSON.stringify(value);
  if (text === undefined) return 0;
  return utf8Length(text);
}

/** UTF-8 length of a string without allocating the bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 (with padding) of bytes. */
export function base64FromBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Bytes from standard base64; returns undefined when the text is not valid base64. Padding is optional. */
export function bytesFromBase64(text: string): Uint8Array | undefined {
  let s = text;
  if (s.length % 4 === 0 && s.endsWith('==')) s = s.slice(0, -2);
  else if (s.length % 4 === 0 && s.endsWith('=')) s = s.slice(0, -1);
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let buf = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return undefined;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buf >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Lower-case hex of bytes. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}
