import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  GetUICustomizationCommand,
  InvalidParameterException,
  ListUserPoolClientsCommand,
  ResourceNotFoundException,
  SetRiskConfigurationCommand,
  SetUICustomizationCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import type { ManagedObject } from '../../reconciler/external';
import { AmbiguousClientError, createAppClientClient } from './client';
import type { AppClientRefs } from './mapping';
import { IncompleteResponseError } from './mapping';
import type { AppClientSpec } from './schema';

const poolId = 'us-east-2_AbCdEf123';
const clientId = '1example23456789';
const secret = 'very-secret-value';
const refs: AppClientRefs = { userPoolId: poolId, region: 'us-east-2', issuerUrl: `https://cognito-idp.us-east-2.amazonaws.com/${poolId}`, providerNames: ['Google'] };

const cognito = mockClient(CognitoIdentityProviderClient);

const fakeAws = () => identityProviderAws('AppClient');

function object(spec: Partial<AppClientSpec> = {}, objRefs: AppClientRefs = refs): ManagedObject<AppClientSpec, AppClientRefs> {
  return {
    namespace: 'shop',
    name: 'web',
    uid: 'uid-1',
    generation: 1,
    spec: { deletionPolicy: 'Delete', userPoolRef: { name: 'shop-users' }, generateSecret: false, ...spec },
    externalId: clientId,
    refs: objRefs,
  };
}

function awsClient(overrides: Partial<UserPoolClientType> = {}): UserPoolClientType {
  return {
    UserPoolId: poolId,
    ClientId: clientId,
    ClientName: 'web',
    RefreshTokenValidity: 30,
    AllowedOAuthFlowsUserPoolClient: false,
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
    ...overrides,
  };
}

function notFound(what: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `${what} does not exist.`, $metadata: { httpStatusCode: 400 } });
}

const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name : 'unknown';
};
const calls = (): string[] => cognito.calls().map(commandName);

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reports a client that is gone as not existing', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(notFound('Client'));
    await expect(createAppClientClient(fakeAws().aws).observe(object(), clientId)).resolves.toEqual({ exists: false });
  });

  it('finds an up-to-date client with one read in the pool’s region, and gives its outputs', async () => {
    cognito.on(DescribeUserPoolClientCommand, { UserPoolId: poolId, ClientId: clientId }).resolves({ UserPoolClient: awsClient({ ClientSecret: secret }) });
    const { aws, regions } = fakeAws();
    const got = await createAppClientClient(aws).observe(object({ generateSecret: true, tokenValidity: { refreshToken: '30d' } }), clientId);
    expect(got).toMatchObject({ exists: true, upToDate: true, diff: [], outputs: { clientId, clientName: 'web', secretName: 'web-cognito' } });
    expect(got.exists && got.outputs.clientSecret?.reveal()).toBe(secret);
    expect(JSON.stringify(got)).not.toContain(secret);
    expect(calls()).toEqual(['DescribeUserPoolClientCommand']);
    expect(regions).toEqual(['us-east-2']);
  });

  it('reports a secret the spec does not want as an immutable mismatch, never the secret itself', async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient({ ClientSecret: secret }) });
    const got = await createAppClientClient(fakeAws().aws).observe(object({ generateSecret: false }), clientId);
    expect(got).toMatchObject({ exists: true, upToDate: false, immutableMismatches: [{ path: 'generateSecret', want: false, have: true }] });
    expect(JSON.stringify(got)).not.toContain(secret);
  });

  it('reports what differs, as spec paths', async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    const got = await createAppClientClient(fakeAws().aws).observe(object({ identityProviderRefs: [{ name: 'google' }], preventUserExistenceErrors: true }), clientId);
    expect(got).toMatchObject({ exists: true, upToDate: false, diff: ['identityProviders', 'preventUserExistenceErrors'] });
  });

  it('lets other errors through for the reconciler to classify', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(new InvalidParameterException({ message: 'bad', $metadata: {} }));
    await expect(createAppClientClient(fakeAws().aws).observe(object(), clientId)).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('findOwned', () => {
  it('finds the client of this name in the pool, across pages', async () => {
    cognito
      .on(ListUserPoolClientsCommand, { UserPoolId: poolId, MaxResults: 2, NextToken: undefined })
      .resolves({ UserPoolClients: [{ ClientId: 'a', ClientName: 'mobile' }, { ClientId: 'b', ClientName: 'admin' }], NextToken: 'p2' })
      .on(ListUserPoolClientsCommand, { UserPoolId: poolId, MaxResults: 2, NextToken: 'p2' })
      .resolves({ UserPoolClients: [{ ClientId: clientId, ClientName: 'Web Shop' }] });
    const client = createAppClientClient(fakeAws().aws, { listPageSize: 2 });
    await expect(client.findOwned(object({ clientName: 'Web Shop' }))).resolves.toBe(clientId);
    expect(calls()).toEqual(['ListUserPoolClientsCommand', 'ListUserPoolClientsCommand']);
  });

  it('looks for the object’s name when the spec names no client name', async () => {
    cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: clientId, ClientName: 'web' }] });
    await expect(createAppClientClient(fakeAws().aws).findOwned(object())).resolves.toBe(clientId);
  });

  it('finds nothing in a pool without such a client', async () => {
    cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'a', ClientName: 'web-old' }] });
    await expect(createAppClientClient(fakeAws().aws).findOwned(object())).resolves.toBeUndefined();
  });

  it('refuses to guess between two clients of the same name', async () => {
    cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'a', ClientName: 'web' }, { ClientId: 'b', ClientName: 'web' }] });
    const found = createAppClientClient(fakeAws().aws).findOwned(object());
    await expect(found).rejects.toBeInstanceOf(AmbiguousClientError);
    await expect(found).rejects.toThrow(/2 app clients named web \(a, b\).*external-id/);
  });
});

describe('create', () => {
  it('creates the client with the whole spec in one call and returns its ID', async () => {
    cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: awsClient({ ClientSecret: secret }) });
    const { aws, regions } = fakeAws();
    const got = await createAppClientClient(aws).create(object({ generateSecret: true, identityProviders: ['COGNITO'], identityProviderRefs: [{ name: 'google' }] }));
    expect(got.externalId).toBe(clientId);
    expect(cognito.commandCalls(CreateUserPoolClientCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      ClientName: 'web',
      GenerateSecret: true,
      SupportedIdentityProviders: ['COGNITO', 'Google'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect(calls()).toEqual(['CreateUserPoolClientCommand']);
    expect(regions).toEqual(['us-east-2']);
  });

  it("judges the create's answer: a client that matches the spec needs no read back, and its secret reaches outputs only", async () => {
    cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: awsClient({ ClientSecret: secret }) });
    const got = await createAppClientClient(fakeAws().aws).create(object({ generateSecret: true, tokenValidity: { refreshToken: '30d' } }));
    expect(got.observation).toMatchObject({ exists: true, upToDate: true, diff: [], outputs: { clientId, clientName: 'web', secretName: 'web-cognito' } });
    expect(got.observation?.exists && got.observation.outputs.clientSecret?.reveal()).toBe(secret);
    expect(got.seen).toEqual({ client: awsClient() });
    expect(JSON.stringify(got)).not.toContain(secret);
    expect(calls()).toEqual(['CreateUserPoolClientCommand']);
  });

  it('leaves a threatProtection override to update: a new client has no risk configuration of its own', async () => {
    cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    const got = await createAppClientClient(fakeAws().aws).create(object({ threatProtection: { compromisedCredentials: { action: 'BLOCK' } } }));
    expect(got.observation).toMatchObject({ exists: true, upToDate: false, diff: ['threatProtection.compromisedCredentials'] });
    expect(got.seen).toEqual({ client: awsClient(), risk: {} });
    expect(calls()).toEqual(['CreateUserPoolClientCommand']);
  });

  it('fails on an answer without a client ID', async () => {
    cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: {} });
    await expect(createAppClientClient(fakeAws().aws).create(object())).rejects.toBeInstanceOf(IncompleteResponseError);
  });

  it('lets AWS’s validation error through unchanged', async () => {
    const rejected = new InvalidParameterException({ message: 'The provider Nope does not exist for User Pool', $metadata: {} });
    cognito.on(CreateUserPoolClientCommand).rejects(rejected);
    await expect(createAppClientClient(fakeAws().aws).create(object({ identityProviders: ['Nope'] }))).rejects.toBe(rejected);
  });
});

describe('update', () => {
  it("merges onto this pass's observation (which holds no secret) without reading AWS again", async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient({ ClientSecret: secret }) });
    cognito.on(UpdateUserPoolClientCommand).resolves({});
    const clients = createAppClientClient(fakeAws().aws);
    const obj = object({ tokenValidity: { idToken: '30m' } });
    const observation = await clients.observe(obj, clientId);
    if (!observation.exists) throw new Error('the client exists');
    expect(JSON.stringify(observation.seen)).not.toContain(secret);
    cognito.resetHistory();
    await expect(clients.update(obj, clientId, observation.seen)).resolves.toEqual({ changed: ['tokenValidity.idToken'] });
    expect(calls()).toEqual(['UpdateUserPoolClientCommand']);
  });

  it('without an observation, reads the client and sends one full request: settings the spec does not name keep their AWS values', async () => {
    const current = awsClient({
      ClientSecret: secret,
      ReadAttributes: ['email', 'name'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      AccessTokenValidity: 2,
      TokenValidityUnits: { AccessToken: 'hours' },
    });
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: current });
    cognito.on(UpdateUserPoolClientCommand).resolves({});
    const got = await createAppClientClient(fakeAws().aws).update(object({ tokenValidity: { idToken: '30m' } }), clientId);
    expect(got).toEqual({ changed: ['tokenValidity.idToken'] });
    expect(calls()).toEqual(['DescribeUserPoolClientCommand', 'UpdateUserPoolClientCommand']);
    expect(cognito.commandCalls(UpdateUserPoolClientCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientName: 'web',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 2,
      IdTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'name'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    });
  });

  it('writes nothing when AWS already matches', async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    await expect(createAppClientClient(fakeAws().aws).update(object({ tokenValidity: { refreshToken: '720h' } }), clientId)).resolves.toEqual({ changed: [] });
    expect(calls()).toEqual(['DescribeUserPoolClientCommand']);
  });

  it('fails when the client is gone (the reconciler observes again)', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(notFound('Client'));
    await expect(createAppClientClient(fakeAws().aws).update(object({ clientName: 'x' }), clientId)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('delete', () => {
  it('deletes the client in its pool', async () => {
    cognito.on(DeleteUserPoolClientCommand).resolves({});
    await createAppClientClient(fakeAws().aws).delete(object(), clientId);
    expect(cognito.commandCalls(DeleteUserPoolClientCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ClientId: clientId });
  });

  it('succeeds when the client is already gone', async () => {
    cognito.on(DeleteUserPoolClientCommand).rejects(notFound('Client'));
    await expect(createAppClientClient(fakeAws().aws).delete(object(), clientId)).resolves.toBeUndefined();
  });

  it('lets other errors through', async () => {
    cognito.on(DeleteUserPoolClientCommand).rejects(new InvalidParameterException({ message: 'no', $metadata: {} }));
    await expect(createAppClientClient(fakeAws().aws).delete(object(), clientId)).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('threatProtection override', () => {
  const blockAll = { compromisedCredentials: { action: 'BLOCK' as const } };

  it('reads no risk configuration for a client that never named one', async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    const observation = await createAppClientClient(fakeAws().aws).observe(object(), clientId);
    expect(observation).toMatchObject({ exists: true, upToDate: true });
    expect(calls()).toEqual(['DescribeUserPoolClientCommand']);
  });

  it("takes the pool's answer (ClientId ALL) as no override, and sets the client's own", async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    cognito.on(DescribeRiskConfigurationCommand).resolves({
      RiskConfiguration: { UserPoolId: poolId, ClientId: 'ALL', CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } } },
    });
    cognito.on(SetRiskConfigurationCommand).resolves({});
    const clients = createAppClientClient(fakeAws().aws);
    const obj = object({ threatProtection: blockAll });

    const observation = await clients.observe(obj, clientId);
    if (!observation.exists) throw new Error('the client exists');
    expect(observation.diff).toEqual(['threatProtection.compromisedCredentials']);
    await expect(clients.update(obj, clientId, observation.seen)).resolves.toEqual({ changed: ['threatProtection.compromisedCredentials'] });

    const set = cognito.commandCalls(SetRiskConfigurationCommand);
    expect(set.map((c) => c.args[0].input)).toEqual([{ UserPoolId: poolId, ClientId: clientId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } } }]);
    expect(cognito.commandCalls(UpdateUserPoolClientCommand)).toHaveLength(0);
  });

  it("removes the client's override once the spec releases its last section", async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    cognito.on(DescribeRiskConfigurationCommand).resolves({
      RiskConfiguration: { UserPoolId: poolId, ClientId: clientId, RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] } },
    });
    cognito.on(SetRiskConfigurationCommand).resolves({});
    const obj = { ...object(), released: ['threatProtection.riskExceptions'] };

    await expect(createAppClientClient(fakeAws().aws).update(obj, clientId)).resolves.toEqual({ changed: ['threatProtection.riskExceptions'] });

    expect(cognito.commandCalls(SetRiskConfigurationCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: poolId, ClientId: clientId }]);
  });
});

describe('hostedUi override', () => {
  const css = '.banner-customizable {background-color: #037f0c}';
  const logo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]);

  it('reads no customization for a client that never named one', async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    await createAppClientClient(fakeAws().aws).observe(object(), clientId);
    expect(calls()).toEqual(['DescribeUserPoolClientCommand']);
  });

  it("takes the pool's answer (ClientId ALL) as none of the client's, and sets the client's own with its logo", async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    cognito.on(GetUICustomizationCommand).resolves({ UICustomization: { UserPoolId: poolId, ClientId: 'ALL', CSS: css } });
    cognito.on(SetUICustomizationCommand).resolves({});
    const clients = createAppClientClient(fakeAws().aws);
    const obj = object({ hostedUi: { css, logoConfigMapRef: { name: 'brand', key: 'logo.png' } } }, { ...refs, hostedUiLogo: logo });

    const observation = await clients.observe(obj, clientId);
    if (!observation.exists) throw new Error('the client exists');
    expect(observation.diff).toEqual(['hostedUi.css', 'hostedUi.logoConfigMapRef']);
    await clients.update(obj, clientId, observation.seen);
    expect(cognito.commandCalls(SetUICustomizationCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: poolId, ClientId: clientId, CSS: css, ImageFile: logo }]);

    // Until status records it, the logo this process sent is the one applied.
    cognito.on(GetUICustomizationCommand).resolves({ UICustomization: { UserPoolId: poolId, ClientId: clientId, CSS: css, ImageUrl: 'https://x/logo' } });
    const after = await clients.observe(obj, clientId);
    expect(after).toMatchObject({ exists: true, upToDate: true, outputs: { hostedUiLogoFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(cognito.commandCalls(UpdateUserPoolClientCommand)).toHaveLength(0);
  });

  it("resets the client's own once the spec releases it, and leaves the pool's alone", async () => {
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: awsClient() });
    cognito.on(GetUICustomizationCommand).resolves({ UICustomization: { UserPoolId: poolId, ClientId: clientId, CSS: css } });
    cognito.on(SetUICustomizationCommand).resolves({});
    const obj = { ...object(), released: ['hostedUi'] };
    await expect(createAppClientClient(fakeAws().aws).update(obj, clientId)).resolves.toEqual({ changed: ['hostedUi'] });
    expect(cognito.commandCalls(SetUICustomizationCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: poolId, ClientId: clientId }]);
  });
});
