/**
 * How the emulator keeps AWS state per account, as the operator relies on it for
 * AWSAccountBinding: credentials from STS AssumeRole act in the role's account, so each
 * account sees only its own pools.
 */
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DeleteUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from '../../src/accounts/account';

const endpoint = process.env.AWS_ENDPOINT_URL;
const region = process.env.AWS_REGION ?? 'eu-west-1';
const teamAccount = '210987654321';

const sts = new STSClient({ endpoint, region });
const own = new CognitoIdentityProviderClient({ endpoint, region });

afterAll(() => {
  sts.destroy();
  own.destroy();
});

async function assume(account: string, durationSeconds = 900): Promise<Credentials> {
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/cognito-team`, RoleSessionName: 'moto-accounts', ExternalId: 'team', DurationSeconds: durationSeconds }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

async function poolNames(client: CognitoIdentityProviderClient): Promise<string[]> {
  const out = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  return (out.UserPools ?? []).map((p) => p.Name ?? '');
}

describe('emulator accounts', () => {
  it('gives assumed-role credentials the role’s account', async () => {
    const credentials = await assume(teamAccount);
    const team = new STSClient({ endpoint, region, credentials });
    try {
      const who = await team.send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(teamAccount);
      expect(who.Arn).toContain(`arn:aws:sts::${teamAccount}:assumed-role/cognito-team/moto-accounts`);
    } finally {
      team.destroy();
    }
  });

  it('keeps user pools apart per account', async () => {
    const team = new CognitoIdentityProviderClient({ endpoint, region, credentials: await assume(teamAccount) });
    const name = `team-only-${randomUUID().slice(0, 8)}`;
    try {
      const created = await team.send(new CreateUserPoolCommand({ PoolName: name }));
      expect(created.UserPool?.Arn).toContain(`:${teamAccount}:userpool/`);
      expect(await poolNames(team)).toContain(name);
      expect(await poolNames(own)).not.toContain(name);
      await team.send(new DeleteUserPoolCommand({ UserPoolId: created.UserPool?.Id }));
    } finally {
      team.destroy();
    }
  });

  it('honours a short session duration', async () => {
    const before = Date.now();
    const credentials = await assume(teamAccount, 900);
    const expiresInMs = (credentials.expiration?.getTime() ?? 0) - before;
    expect(expiresInMs).toBeGreaterThan(800_000);
    expect(expiresInMs).toBeLessThanOrEqual(901_000);
  });
});
