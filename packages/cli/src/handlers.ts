import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { AslError, type TaskHandler } from '@asl-studio/engine';

/** Loads a handler module: `require()` first (Node ≥ 20.19 loads ES modules synchronously, without starting the
 * asynchronous ESM loader: a few ms less start-up), `import()` for what require cannot load (top-level await). */
async function loadModule(file: string): Promise<any> {
  const abs = path.resolve(file);
  if (/\.(m?js|cjs)$/.test(abs)) {
    try {
      return createRequire(abs)(abs);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_REQUIRE_ASYNC_MODULE' && code !== 'ERR_REQUIRE_ESM') throw e;
    }
  }
  const url = pathToFileURL(abs).href;
  // dist/asl.js may run the bundle through vm.Script (V8 code cache), where import() is unavailable: it lends its own
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('asl-studio.import')] as ((u: string) => Promise<any>) | undefined;
  return lent ? lent(url) : import(url);
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * Task handlers from an ES module whose default export maps state names to `async (input) => result`.
 * Each handler is wrapped so that a never-settling one can be failed with States.Timeout when Node has nothing else
 * to do (see `failStalled`), instead of the process exiting silently.
 */
export class HandlerSet {
  private readonly pending = new Set<(e: unknown) => void>();
  handlers: Record<string, TaskHandler> = {};

  /** Imports the module `file` and wraps each function of its default export (or of the module) as a handler. */
  async load(file: string): Promise<void> {
    const mod = await loadModule(file);
    const table = (mod.default ?? mod) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn !== 'function') continue;
      this.handlers[name] = (input, ctx) => {
        // a synchronous result or throw cannot stall: the engine takes it as it is
        const r = (fn as TaskHandler)(input, ctx);
        if (!isThenable(r)) return r;
        return new Promise((resolve, reject) => {
          const pending = this.pending;
          pending.add(reject);
          r.then(
            (v) => { pending.delete(reject); resolve(v); },
            (e) => { pending.delete(reject); reject(e); },
          );
        });
      };
    }
  }

  /** Number of handler calls that have not settled yet. */
  get inFlight(): number { return this.pending.size; }

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
