import type { AppClientSpec } from './schema';
import { planRotation } from './rotation';

const now = new Date('2026-01-10T00:00:00Z');
const base = { userPoolRef: { name: 'shop' }, deletionPolicy: 'Delete', generateSecret: true } as AppClientSpec;
const withRotation = (every?: string): AppClientSpec => ({ ...base, secretRotation: { overlap: '1h', ...(every ? { every } : {}) } });

describe('planRotation', () => {
  it('does nothing for a client without a secret, or without rotation asked for', () => {
    expect(planRotation({ ...base, generateSecret: false }, 'now', {}, now)).toEqual({ step: 'none' });
    expect(planRotation(base, undefined, {}, now)).toEqual({ step: 'none' });
  });

  it('rotates for a new annotation value, once', () => {
    expect(planRotation(base, 'a', {}, now).step).toBe('rotate');
    expect(planRotation(base, 'a', { handledRequest: 'a', currentSecretId: 'c--1', currentSecretCreatedAt: now.toISOString() }, now).step).toBe('none');
    expect(planRotation(base, 'b', { handledRequest: 'a', currentSecretId: 'c--1' }, now).step).toBe('rotate');
  });

  it('learns the current secret once, then waits for its age to reach every', () => {
    expect(planRotation(withRotation('1d'), undefined, {}, now).step).toBe('learn');
    const created = new Date(now.getTime() - 3600_000).toISOString();
    expect(planRotation(withRotation('1d'), undefined, { currentSecretId: 'c--1', currentSecretCreatedAt: created }, now)).toEqual({ step: 'none', dueInMs: 23 * 3600_000 });
    const old = new Date(now.getTime() - 86400_000).toISOString();
    expect(planRotation(withRotation('1d'), undefined, { currentSecretId: 'c--1', currentSecretCreatedAt: old }, now).step).toBe('rotate');
  });

  it('deletes the previous secret only after the overlap, and a request waits for it', () => {
    const state = { currentSecretId: 'c--2', currentSecretCreatedAt: now.toISOString(), previousSecretId: 'c--1' };
    const later = new Date(now.getTime() + 5000).toISOString();
    expect(planRotation(withRotation(), 'next', { ...state, previousSecretDeleteAfter: later }, now)).toEqual({ step: 'none', dueInMs: 5000 });
    expect(planRotation(withRotation(), 'next', { ...state, previousSecretDeleteAfter: now.toISOString() }, now).step).toBe('deletePrevious');
  });

  it('finishes a pending deletion even when the spec no longer asks for rotation', () => {
    const state = { currentSecretId: 'c--2', previousSecretId: 'c--1', previousSecretDeleteAfter: now.toISOString() };
    expect(planRotation(base, undefined, state, now).step).toBe('deletePrevious');
  });

  it('recovers an interrupted rotation before anything else', () => {
    expect(planRotation(withRotation('1d'), 'x', { currentSecretId: 'c--1', rotationStartedAt: now.toISOString(), previousSecretId: 'c--0' }, now).step).toBe('recover');
  });
});
