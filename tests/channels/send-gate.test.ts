// The send gate's scheduling on a hand-driven clock: rates, per-chat spacing, priorities, pauses, bounds.
import { describe, expect, it } from 'vitest';
import { createSendGate, GateTimeoutError, type SendTicket } from '../../src/channels/send-gate.js';

/** Lets every settled promise's callbacks run (they record the time they ran at). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock and timers that move only when the test says so. */
function manualClock() {
  let t = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    now: () => t,
    timer: (fn: () => void, ms: number) => {
      const entry = { at: t + ms, fn, cancelled: false };
      timers.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    /** Advances to `to`, firing due timers in time order. */
    async advance(to: number) {
      await flush();
      for (;;) {
        const due = timers.filter((x) => !x.cancelled && x.at <= to).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        due.cancelled = true;
        t = due.at;
        due.fn();
        await flush();
      }
      t = to;
      await flush();
    },
  };
}

function track(gate: ReturnType<typeof createSendGate>, clock: { now(): number }, label: string, ticket: SendTicket) {
  const record: { label: string; at?: number; error?: Error } = { label };
  gate.take(ticket).then(
    () => (record.at = clock.now()),
    (error: Error) => (record.error = error),
  );
  return record;
}

describe('send gate', () => {
  it('spaces counted sends at the overall rate', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 10, now: clock.now, timer: clock.timer });
    const sends = Array.from({ length: 5 }, (_, i) =>
      track(gate, clock, `s${i}`, { chatId: `c${i}`, sendClass: 'bulk' }),
    );
    await clock.advance(1000);
    expect(sends.map((s) => s.at)).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps one chat to its spacing without holding up other chats', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 100, perChatMs: 1000, now: clock.now, timer: clock.timer });
    const a1 = track(gate, clock, 'a1', { chatId: 'a', sendClass: 'interactive' });
    const a2 = track(gate, clock, 'a2', { chatId: 'a', sendClass: 'interactive' });
    const b1 = track(gate, clock, 'b1', { chatId: 'b', sendClass: 'interactive' });
    await clock.advance(2000);
    expect(a1.at).toBe(0);
    expect(b1.at).toBe(10);
    expect(a2.at).toBe(1000);
  });

  it('lets replies go before bulk sends that were waiting first', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 10, now: clock.now, timer: clock.timer });
    const bulk = Array.from({ length: 4 }, (_, i) =>
      track(gate, clock, `b${i}`, { chatId: `b${i}`, sendClass: 'bulk' }),
    );
    const reply = track(gate, clock, 'r', { chatId: 'r', sendClass: 'interactive' });
    await clock.advance(1000);
    // b0 took the free slot at once; the reply comes next, before the other bulk sends.
    expect(bulk[0]!.at).toBe(0);
    expect(reply.at).toBe(100);
    expect(bulk.slice(1).map((s) => s.at)).toEqual([200, 300, 400]);
  });

  it('holds everything during a pause and puts the send that met the 429 first again', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 1000, now: clock.now, timer: clock.timer });
    await gate.take({ chatId: 'x', sendClass: 'interactive' });
    gate.pause(3000);
    const other = track(gate, clock, 'other', { chatId: 'y', sendClass: 'interactive' });
    const retried = track(gate, clock, 'retried', { chatId: 'x', sendClass: 'interactive', front: true });
    const typing = track(gate, clock, 'typing', { chatId: 'z', sendClass: 'interactive', counted: false });
    await clock.advance(2999);
    expect([other.at, retried.at, typing.at]).toEqual([undefined, undefined, undefined]);
    await clock.advance(5000);
    expect(retried.at).toBe(3000);
    expect(other.at).toBe(3001);
    expect(typing.at).toBe(3000);
    expect(gate.stats().pauses).toBe(1);
  });

  it('gives up a send after its deadline, and the next one takes the slot', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 1, now: clock.now, timer: clock.timer });
    const first = track(gate, clock, 'first', { chatId: 'a', sendClass: 'bulk' });
    const late = track(gate, clock, 'late', { chatId: 'b', sendClass: 'bulk', deadline: 500 });
    const patient = track(gate, clock, 'patient', { chatId: 'c', sendClass: 'bulk', deadline: 5000 });
    await clock.advance(3000);
    expect(first.at).toBe(0);
    expect(late.error).toBeInstanceOf(GateTimeoutError);
    expect(patient.at).toBe(1000);
    expect(gate.stats()).toMatchObject({ timedOut: 1, waiting: { bulk: 0, interactive: 0 } });
  });

  it('forgets a send whose caller aborted', async () => {
    const clock = manualClock();
    const gate = createSendGate({ perSecond: 1, now: clock.now, timer: clock.timer });
    await gate.take({ sendClass: 'bulk' });
    const abort = new AbortController();
    const gone = track(gate, clock, 'gone', { sendClass: 'bulk', signal: abort.signal });
    const next = track(gate, clock, 'next', { sendClass: 'bulk' });
    abort.abort(new Error('stopped'));
    await clock.advance(2000);
    expect(gone.error?.message).toBe('stopped');
    expect(next.at).toBe(1000);
  });
});
