import type { Condition, Verdict } from './conditions';
import { Reason, conditionsFor, storedConditions } from './conditions';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-01T00:05:00Z');
const statuses = (conditions: Condition[]) => Object.fromEntries(conditions.map((c) => [c.type, c.status]));

describe('conditionsFor', () => {
  const cases: { name: string; verdict: Verdict; want: Record<string, string> }[] = [
    { name: 'ready', verdict: { state: 'ready', reason: Reason.Available, message: 'ok' }, want: { Ready: 'True', Synced: 'True', Reconciling: 'False', Stalled: 'False' } },
    { name: 'progressing', verdict: { state: 'progressing', reason: Reason.Creating, message: 'creating' }, want: { Ready: 'False', Synced: 'True', Reconciling: 'True', Stalled: 'False' } },
    { name: 'retrying', verdict: { state: 'retrying', reason: Reason.Throttled, message: 'slow down' }, want: { Ready: 'False', Synced: 'False', Reconciling: 'True', Stalled: 'False' } },
    { name: 'stalled', verdict: { state: 'stalled', reason: Reason.InvalidSpec, message: 'bad' }, want: { Ready: 'False', Synced: 'False', Reconciling: 'False', Stalled: 'True' } },
  ];
  it.each(cases)('$name sets all four conditions', ({ verdict, want }) => {
    const conditions = conditionsFor(verdict, [], 3, now);
    expect(statuses(conditions)).toEqual(want);
    expect(conditions.every((c) => c.observedGeneration === 3)).toBe(true);
    expect(conditions.find((c) => c.type === 'Ready')?.message).toBe(verdict.message);
  });

  it('keeps lastTransitionTime while a status does not change', () => {
    const first = conditionsFor({ state: 'progressing', reason: Reason.Creating, message: 'a' }, [], 1, now);
    const second = conditionsFor({ state: 'ready', reason: Reason.Available, message: 'b' }, first, 1, later);
    const time = (cs: Condition[], type: string) => cs.find((c) => c.type === type)?.lastTransitionTime;
    expect(time(second, 'Synced')).toBe(now.toISOString());
    expect(time(second, 'Stalled')).toBe(now.toISOString());
    expect(time(second, 'Ready')).toBe(later.toISOString());
    expect(time(second, 'Reconciling')).toBe(later.toISOString());
  });
});

describe('Ready kept through a transient failure', () => {
  const ready = conditionsFor({ state: 'ready', reason: Reason.Available, message: 'AWS matches the spec' }, [], 2, now);
  const throttled = conditionsFor({ state: 'retryingReady', reason: Reason.Throttled, message: 'observe the user pool: Rate exceeded' }, ready, 2, later);
  const byType = (type: string) => throttled.find((c) => c.type === type);

  it('keeps Ready as it was and reports the failure in Synced', () => {
    expect(statuses(throttled)).toEqual({ Ready: 'True', Synced: 'False', Reconciling: 'False', Stalled: 'False' });
    expect(byType('Ready')).toEqual(ready.find((c) => c.type === 'Ready'));
    expect(byType('Synced')).toMatchObject({ reason: Reason.Throttled, message: 'observe the user pool: Rate exceeded', lastTransitionTime: later.toISOString() });
  });

  it('goes back to Synced=True on the next good pass without touching Ready', () => {
    const recovered = conditionsFor({ state: 'ready', reason: Reason.Available, message: 'AWS matches the spec' }, throttled, 2, later);
    expect(recovered.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(now.toISOString());
    expect(recovered.find((c) => c.type === 'Synced')?.status).toBe('True');
  });
});

describe('storedConditions', () => {
  it('keeps our condition types and drops anything else', () => {
    const status = { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'x' }, { type: 'Foreign', status: 'True', lastTransitionTime: 'x' }, 'junk'] };
    expect(storedConditions(status).map((c) => c.type)).toEqual(['Ready']);
    expect(storedConditions(undefined)).toEqual([]);
  });
});
