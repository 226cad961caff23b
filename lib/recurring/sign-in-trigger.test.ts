import { describe, expect, it } from 'vitest';
import { createSignInTrigger, signInTriggerIsOn } from './sign-in-trigger';

const MINUTE = 60_000;

/** A trigger on a hand-moved clock whose scheduled sweeps wait until the test runs them. */
function harness() {
  let clock = 0;
  const queued: (() => Promise<void>)[] = [];
  const swept: string[] = [];
  const trigger = createSignInTrigger({
    awayMs: 15 * MINUTE,
    now: () => clock,
    schedule: (task) => queued.push(task),
    sweep: async (companyId) => {
      swept.push(companyId);
    },
  });
  return {
    trigger,
    swept,
    advance: (ms: number) => (clock += ms),
    /** Runs what was scheduled (as after the response), and answers how many tasks there were. */
    flush: async () => {
      const tasks = queued.splice(0);
      await Promise.all(tasks.map((t) => t()));
      return tasks.length;
    },
  };
}

describe('the sign-in trigger', () => {
  it('is on by default (auto) only where the interval runner is off; on and off are meant as said', () => {
    expect([signInTriggerIsOn('auto', false), signInTriggerIsOn('auto', true)]).toEqual([true, false]);
    expect([signInTriggerIsOn('on', true), signInTriggerIsOn('off', false)]).toEqual([true, false]);
  });

  it('sweeps on a sign-in, not on the pages that follow, and again on a page after more than the interval away', async () => {
    const h = harness();
    h.trigger.signedIn({ sessionId: 's1', companyId: 'c1' });
    expect(h.swept).toEqual([]); // scheduled, not run: nothing waits for it
    expect(await h.flush()).toBe(1);
    h.advance(5 * MINUTE);
    h.trigger.visited({ sessionId: 's1', companyId: 'c1' });
    h.advance(15 * MINUTE); // exactly the interval since the last page: not away yet
    h.trigger.visited({ sessionId: 's1', companyId: 'c1' });
    expect(await h.flush()).toBe(0);
    h.advance(15 * MINUTE + 1);
    h.trigger.visited({ sessionId: 's1', companyId: 'c1' });
    expect(await h.flush()).toBe(1);
    expect(h.swept).toEqual(['c1', 'c1']);
  });

  it('a session’s first page in this process sweeps (after a restart, say); one sweep per company at a time', async () => {
    const h = harness();
    h.trigger.visited({ sessionId: 'a', companyId: 'c1' });
    h.trigger.visited({ sessionId: 'b', companyId: 'c1' }); // c1 already has one waiting
    h.trigger.signedIn({ sessionId: 'c', companyId: 'c2' });
    expect(await h.flush()).toBe(2);
    h.trigger.signedIn({ sessionId: 'd', companyId: 'c1' }); // the first is done: c1 may sweep again
    expect(await h.flush()).toBe(1);
    expect(h.swept).toEqual(['c1', 'c2', 'c1']);
  });
});
