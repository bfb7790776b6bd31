import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { AslError, type TaskHandler } from '@asl-studio/engine';

/**
 * Task handlers from an ES module whose default export maps state names to `async (input) => result`.
 * Each handler is wrapped so that a never-settling one can be failed with States.Timeout when Node has nothing else
 * to do (see `failStalled`), instead of the process exiting silently.
 */
export class HandlerSet {
  private readonly pending = new Set<(e: unknown) => void>();
  handlers: Record<string, TaskHandler> = {};

  async load(file: string): Promise<void> {
    const url = pathToFileURL(path.resolve(file)).href;
    const mod = await import(url);
    const table = (mod.default ?? mod) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn !== 'function') continue;
      this.handlers[name] = (input, ctx) => new Promise((resolve, reject) => {
        const settle = (f: () => void) => { this.pending.delete(reject); f(); };
        this.pending.add(reject);
        try {
          Promise.resolve((fn as TaskHandler)(input, ctx)).then(
            (v) => settle(() => resolve(v)),
            (e) => settle(() => reject(e)),
          );
        } catch (e) {
          settle(() => reject(e));
        }
      });
    }
  }

  /** Fails every handler still pending; returns how many there were. */
  failStalled(): number {
    const n = this.pending.size;
    for (const reject of [...this.pending]) {
      this.pending.delete(reject);
      reject(new AslError('States.Timeout', 'The task handler never settled.'));
    }
    return n;
  }
}
