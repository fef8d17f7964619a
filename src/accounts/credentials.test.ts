import type { Credentials } from './account';
import { assumedRoleProvider, refreshMarginMs } from './credentials';

const role = { roleArn: 'arn:aws:iam::210987654321:role/cognito-shop', accountId: '210987654321', region: 'eu-west-1' };

/** A fake STS: each call returns a session of `durationMs` from the injected clock. */
function fakeSts(now: () => number, durationMs: number) {
  let calls = 0;
  const assume = async (): Promise<Credentials> => {
    calls += 1;
    return { accessKeyId: `AKIA${calls}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(now() + durationMs) };
  };
  return { assume, calls: () => calls };
}

describe('assumedRoleProvider', () => {
  it('assumes once per session, shared by every caller, and renews before expiry', async () => {
    let t = 0;
    const now = () => t;
    const durationMs = 3_600_000;
    const sts = fakeSts(now, durationMs);
    const provider = assumedRoleProvider(role, { durationMs, now, assume: sts.assume });
    const [first, second] = await Promise.all([provider(), provider()]);
    expect(sts.calls()).toBe(1);
    expect(second).toBe(first);
    expect(first.accountId).toBe('210987654321');
    t = durationMs - refreshMarginMs(durationMs) - 1;
    await provider();
    expect(sts.calls()).toBe(1);
    t = durationMs - refreshMarginMs(durationMs) + 1;
    expect((await provider()).accessKeyId).toBe('AKIA2');
    expect(sts.calls()).toBe(2);
  });

  it('renews a short session a third before its end', () => {
    expect(refreshMarginMs(30_000)).toBe(10_000);
    expect(refreshMarginMs(3_600_000)).toBe(300_000);
  });

  it('tries again after a failed call', async () => {
    let fail = true;
    const provider = assumedRoleProvider(role, {
      assume: async () => {
        if (fail) throw new Error('AccessDenied');
        return { accessKeyId: 'a', secretAccessKey: 's' };
      },
    });
    await expect(provider()).rejects.toThrow('AccessDenied');
    fail = false;
    expect((await provider()).accessKeyId).toBe('a');
  });

  it('tells about each AssumeRole', async () => {
    const seen: string[] = [];
    const provider = assumedRoleProvider(role, { onAssume: (r) => seen.push(r.roleArn), assume: async () => ({ accessKeyId: 'a', secretAccessKey: 's' }) });
    await provider();
    await provider();
    expect(seen).toEqual([role.roleArn]);
  });
});
