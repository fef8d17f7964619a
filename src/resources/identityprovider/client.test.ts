import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  DuplicateProviderException,
  ResourceNotFoundException,
  UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import type { ManagedObject } from '../../reconciler/external';
import { createIdentityProviderClient } from './client';
import type { IdentityProviderRefs, ProviderSecrets } from './mapping';
import { ProviderTypeMismatchError, fingerprint } from './mapping';
import type { IdentityProviderSpec } from './schema';

const poolId = 'eu-west-1_AbCdEf123';
const clientSecret = 'GOCSPX-first';
const privateKey = '-----BEGIN PRIVATE KEY-----\nMIGTAgEA\n-----END PRIVATE KEY-----';

const cognito = mockClient(CognitoIdentityProviderClient);

const fakeAws = () => identityProviderAws('IdentityProvider');

const googleSpec: IdentityProviderSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  providerType: 'Google',
  providerName: 'Google',
  providerDetails: { client_id: 'web.apps.googleusercontent.com', authorize_scopes: 'openid email' },
  clientSecretRef: { name: 'google-oauth', key: 'clientSecret' },
  attributeMapping: { email: 'email' },
};

const appleSpec: IdentityProviderSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  providerType: 'SignInWithApple',
  providerName: 'SignInWithApple',
  providerDetails: { client_id: 'com.example.shop', team_id: 'T', key_id: 'K' },
  privateKeyRef: { name: 'apple', key: 'key.p8' },
};

function object(
  spec: IdentityProviderSpec = googleSpec,
  secrets: ProviderSecrets = { clientSecret },
  appliedFingerprints: Record<string, string> = {},
): ManagedObject<IdentityProviderSpec, IdentityProviderRefs> {
  return {
    namespace: 'shop',
    name: 'google',
    uid: 'uid-1',
    generation: 1,
    spec,
    externalId: spec.providerName,
    refs: { userPoolId: poolId, region: 'eu-central-1', secrets, appliedFingerprints },
  };
}

function awsGoogle(overrides: Partial<IdentityProviderType> = {}): IdentityProviderType {
  return {
    UserPoolId: poolId,
    ProviderName: 'Google',
    ProviderType: 'Google',
    ProviderDetails: {
      client_id: 'web.apps.googleusercontent.com',
      client_secret: clientSecret,
      authorize_scopes: 'openid email',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
      oidc_issuer: 'https://accounts.google.com',
    },
    AttributeMapping: { username: 'sub', email: 'email' },
    ...overrides,
  };
}

const awsApple: IdentityProviderType = {
  UserPoolId: poolId,
  ProviderName: 'SignInWithApple',
  ProviderType: 'SignInWithApple',
  ProviderDetails: { client_id: 'com.example.shop', team_id: 'T', key_id: 'K', authorize_url: 'https://appleid.apple.com/auth/authorize' },
};

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: 'Google', $metadata: { httpStatusCode: 400 } });
}

const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name : 'unknown';
};
const calls = (): string[] => cognito.calls().map(commandName);
const writes = (): string[] => calls().filter((name) => !/^(Describe|Get|List)/.test(name));

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reports a provider that is gone as not existing', async () => {
    cognito.on(DescribeIdentityProviderCommand).rejects(notFound());
    await expect(createIdentityProviderClient(fakeAws().aws).observe(object(), 'Google')).resolves.toEqual({ exists: false });
    expect(calls()).toEqual(['DescribeIdentityProviderCommand']);
  });

  it('finds an up-to-date provider with one read, in the pool’s region', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle() });
    const { aws, regions } = fakeAws();
    const got = await createIdentityProviderClient(aws).observe(object(), 'Google');
    expect(got).toEqual({ exists: true, seen: expect.objectContaining({ ProviderName: 'Google' }), upToDate: true, diff: [], outputs: { providerName: 'Google', userPoolId: poolId, secretFingerprints: {} } });
    expect(cognito.commandCalls(DescribeIdentityProviderCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ProviderName: 'Google' });
    expect(regions).toEqual(['eu-central-1']);
    expect(writes()).toEqual([]);
  });

  it('reports a rotated secret by path, without its value', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle() });
    const got = await createIdentityProviderClient(fakeAws().aws).observe(object(googleSpec, { clientSecret: 'GOCSPX-second' }), 'Google');
    expect(got).toMatchObject({ exists: true, upToDate: false, diff: ['clientSecretRef'] });
    expect(JSON.stringify(got)).not.toContain('GOCSPX-second');
  });

  it('refuses a provider of another type', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle({ ProviderType: 'OIDC' }) });
    await expect(createIdentityProviderClient(fakeAws().aws).observe(object(), 'Google')).rejects.toThrow(ProviderTypeMismatchError);
  });
});

describe('findOwned', () => {
  it('finds a provider of the spec’s name in the pool', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle() });
    await expect(createIdentityProviderClient(fakeAws().aws).findOwned(object())).resolves.toBe('Google');
  });

  it('finds nothing when there is none', async () => {
    cognito.on(DescribeIdentityProviderCommand).rejects(notFound());
    await expect(createIdentityProviderClient(fakeAws().aws).findOwned(object())).resolves.toBeUndefined();
  });

  it('uses the object name when the spec names no provider', async () => {
    cognito.on(DescribeIdentityProviderCommand).rejects(notFound());
    const obj = object({ ...googleSpec, providerType: 'OIDC', providerName: undefined });
    await createIdentityProviderClient(fakeAws().aws).findOwned(obj);
    expect(cognito.commandCalls(DescribeIdentityProviderCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ProviderName: 'google' });
  });

  it('lets other errors through', async () => {
    cognito.on(DescribeIdentityProviderCommand).rejects(new Error('boom'));
    await expect(createIdentityProviderClient(fakeAws().aws).findOwned(object())).rejects.toThrow('boom');
  });
});

describe('create', () => {
  it('makes one CreateIdentityProvider call with the secret, and returns the name as the ID and the answer judged against the spec', async () => {
    cognito.on(CreateIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle() });
    await expect(createIdentityProviderClient(fakeAws().aws).create(object())).resolves.toMatchObject({ externalId: 'Google', observation: { exists: true, upToDate: true, diff: [] } });
    expect(calls()).toEqual(['CreateIdentityProviderCommand']);
    expect(cognito.commandCalls(CreateIdentityProviderCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: { client_id: 'web.apps.googleusercontent.com', authorize_scopes: 'openid email', client_secret: clientSecret },
      AttributeMapping: { email: 'email' },
    });
  });

  it('lets AWS’s refusal through unchanged', async () => {
    const err = new DuplicateProviderException({ message: 'Google already exists in user pool', $metadata: {} });
    cognito.on(CreateIdentityProviderCommand).rejects(err);
    await expect(createIdentityProviderClient(fakeAws().aws).create(object())).rejects.toBe(err);
  });
});

describe('update', () => {
  it('reads afresh and sends the full ProviderDetails with AWS-only keys it must keep', async () => {
    const current = awsGoogle({ ProviderDetails: { ...awsGoogle().ProviderDetails, prompt: 'consent' } });
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: current });
    cognito.on(UpdateIdentityProviderCommand).resolves({ IdentityProvider: current });
    const got = await createIdentityProviderClient(fakeAws().aws).update(object(googleSpec, { clientSecret: 'GOCSPX-second' }), 'Google');
    expect(got).toEqual({ changed: ['clientSecretRef'] });
    expect(calls()).toEqual(['DescribeIdentityProviderCommand', 'UpdateIdentityProviderCommand']);
    expect(cognito.commandCalls(UpdateIdentityProviderCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      ProviderName: 'Google',
      ProviderDetails: { client_id: 'web.apps.googleusercontent.com', client_secret: 'GOCSPX-second', authorize_scopes: 'openid email', prompt: 'consent' },
      AttributeMapping: { username: 'sub', email: 'email' },
    });
  });

  it('writes nothing when the fresh read matches', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsGoogle() });
    await expect(createIdentityProviderClient(fakeAws().aws).update(object(), 'Google')).resolves.toEqual({ changed: [] });
    expect(writes()).toEqual([]);
  });

  it('fails when the provider is gone', async () => {
    cognito.on(DescribeIdentityProviderCommand).rejects(notFound());
    await expect(createIdentityProviderClient(fakeAws().aws).update(object(), 'Google')).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(writes()).toEqual([]);
  });
});

describe('a secret AWS does not return (Apple private key)', () => {
  it('is up to date right after create, by the fingerprint of what was sent', async () => {
    cognito.on(CreateIdentityProviderCommand).resolves({ IdentityProvider: awsApple });
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsApple });
    const client = createIdentityProviderClient(fakeAws().aws);
    const obj = object(appleSpec, { privateKey });
    await client.create(obj);
    const got = await client.observe(obj, 'SignInWithApple');
    expect(got).toEqual({
      exists: true,
      seen: expect.objectContaining({ ProviderName: 'SignInWithApple' }),
      upToDate: true,
      diff: [],
      outputs: { providerName: 'SignInWithApple', userPoolId: poolId, secretFingerprints: { private_key: fingerprint(privateKey) } },
    });
  });

  it('after a restart, is compared with the fingerprint from status', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsApple });
    const client = createIdentityProviderClient(fakeAws().aws);
    const recorded = { private_key: fingerprint(privateKey) };
    await expect(client.observe(object(appleSpec, { privateKey }, recorded), 'SignInWithApple')).resolves.toMatchObject({ upToDate: true });
    await expect(client.observe(object(appleSpec, { privateKey: `${privateKey}2` }, recorded), 'SignInWithApple')).resolves.toMatchObject({
      upToDate: false,
      diff: ['privateKeyRef'],
    });
  });

  it('a rotation is sent once, then the stale status fingerprint no longer counts', async () => {
    cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: awsApple });
    cognito.on(UpdateIdentityProviderCommand).resolves({ IdentityProvider: awsApple });
    const client = createIdentityProviderClient(fakeAws().aws);
    const rotated = object(appleSpec, { privateKey: `${privateKey}2` }, { private_key: fingerprint(privateKey) });
    await expect(client.update(rotated, 'SignInWithApple')).resolves.toEqual({ changed: ['privateKeyRef'] });
    expect(cognito.commandCalls(UpdateIdentityProviderCommand)[0]?.args[0].input.ProviderDetails).toMatchObject({ private_key: `${privateKey}2` });
    // The reconciler observes again with the same (stale) refs before status is written.
    await expect(client.observe(rotated, 'SignInWithApple')).resolves.toMatchObject({ upToDate: true });
  });
});

describe('delete', () => {
  it('deletes the provider', async () => {
    cognito.on(DeleteIdentityProviderCommand).resolves({});
    await createIdentityProviderClient(fakeAws().aws).delete(object(), 'Google');
    expect(cognito.commandCalls(DeleteIdentityProviderCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ProviderName: 'Google' });
  });

  it('succeeds when the provider is already gone', async () => {
    cognito.on(DeleteIdentityProviderCommand).rejects(notFound());
    await expect(createIdentityProviderClient(fakeAws().aws).delete(object(), 'Google')).resolves.toBeUndefined();
  });

  it('lets other errors through', async () => {
    cognito.on(DeleteIdentityProviderCommand).rejects(new Error('boom'));
    await expect(createIdentityProviderClient(fakeAws().aws).delete(object(), 'Google')).rejects.toThrow('boom');
  });
});
