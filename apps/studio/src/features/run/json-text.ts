/**
 * Formatting of JSON text for display, shared by the page (JsonBlock) and the history worker (which pretty-prints
 * visit payloads before posting them, so the page never parses large JSON). Pure.
 */

/** Above this size the value is shown compact (pretty-printing 1 MB of JSON blocks a thread for long). */
export const PRETTY_LIMIT = 400_000;

/** Pretty-prints JSON text (2-space indent); non-JSON text, and very large text, is returned as is. Pure. */
export function prettyJson(text: string | undefined): string {
  if (text === undefined) return '';
  if (text.length > PRETTY_LIMIT) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** {@link prettyJson}, keeping undefined. */
export function prettyOrUndefined(text: string | undefined): string | undefined {
  return text === undefined ? undefined : prettyJson(text);
}
