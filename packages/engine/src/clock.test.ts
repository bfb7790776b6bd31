import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './clock.js';

describe('SimulatedClock', () => {
  it('fires timers in deadline order and advances virtual time only to them', async () => {
    const c = new SimulatedClock(1000);
    const seen: [string, number][] = [];
    const a = c.sleep(5000).promise.then(() => seen.push(['a', c.now()]));
    const b = c.sleep(2000).promise.then(() => seen.push(['b', c.now()]));
    await Promise.all([a, b]);
    expect(seen).toEqual([['b', 3000], ['a', 6000]]);
  });

  it('does not jump while an external operation is in flight', async () => {
    const c = new SimulatedClock(0);
    const end = c.beginExternal();
    let fired = false;
    void c.sleep(10_000).promise.then(() => { fired = true; });
    await new Promise((r) => setTimeout(r, 10));
    expect(fired).toBe(false);
    end();
    await new Promise((r) => setTimeout(r, 10));
    expect(fired).toBe(true);
    expect(c.now()).toBe(10_000);
  });

  it('while an external operation is in flight, a timer fires once its delay has passed in real time', async () => {
    const c = new SimulatedClock(0);
    const end = c.beginExternal(); // e.g. a task handler that never settles
    const t0 = Date.now();
    await c.sleep(50).promise; // e.g. its TimeoutSeconds
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(c.now()).toBe(50);
    end();
    c.dispose(new Error('done'));
  });

  it('cancelled timers neither fire nor move time', async () => {
    const c = new SimulatedClock(0);
    const t = c.sleep(1_000_000);
    t.cancel();
    await c.sleep(5).promise;
    expect(c.now()).toBe(5);
  });
});
