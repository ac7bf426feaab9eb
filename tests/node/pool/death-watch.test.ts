import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DeathWatch } from '../../../src/pool/death-watch';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Lets the current job end (WeakRef targets stay alive until it does), then collects. */
const collect = async () => {
  await new Promise((r) => setTimeout(r, 0));
  gc();
  gc();
};

describe('DeathWatch', () => {
  it('settles as the call does and leaves no waiter behind', async () => {
    const w = new DeathWatch();
    await expect(w.race(Promise.resolve(7))).resolves.toBe(7);
    await expect(w.race(Promise.reject(new Error('trap')))).rejects.toThrow('trap');
    expect(w.pending).toBe(0);
    expect(w.dead).toBe(false);
  });

  it('rejects pending races when the worker dies, and every later race at once, with the first reason', async () => {
    const w = new DeathWatch();
    const hung = w.race(new Promise<number>(() => undefined));
    expect(w.pending).toBe(1);
    w.kill(new Error('worker exited (code 1)'));
    w.kill(new Error('second reason'));
    await expect(hung).rejects.toThrow('worker exited (code 1)');
    await expect(w.race(Promise.resolve(1))).rejects.toThrow('worker exited (code 1)');
    expect(w.pending).toBe(0);
    expect(w.dead).toBe(true);
  });

  it('does not keep a settled call\'s result alive while the worker lives (Promise.race against a kept promise did)', async () => {
    const w = new DeathWatch();
    let ref!: WeakRef<object>;
    await (async () => {
      const result = { outcomes: new Array(1000).fill(0) };
      ref = new WeakRef(result);
      await w.race(Promise.resolve(result));
    })();
    await collect();
    expect(ref.deref()).toBeUndefined();
    // The pattern it replaces, for contrast: the kept promise's reaction holds the race, which holds the value.
    const death = new Promise<never>(() => undefined);
    let leaked!: WeakRef<object>;
    await (async () => {
      const result = { outcomes: new Array(1000).fill(0) };
      leaked = new WeakRef(result);
      await Promise.race([Promise.resolve(result), death]);
    })();
    await collect();
    expect(leaked.deref()).toBeDefined();
  });
});
