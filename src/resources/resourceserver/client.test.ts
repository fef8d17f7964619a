import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ResourceNotFoundException,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import type { ManagedObject } from '../../reconciler/external';
import { createResourceServerClient } from './client';
import type { ResourceServerRefs } from './mapping';
import type { ResourceServerSpec } from './schema';

const poolId = 'eu-west-1_AbCdEf123';
const identifier = 'https://api.shop.example.com';
const cognito = mockClient(CognitoIdentityProviderClient);
const fakeAws = () => identityProviderAws('ResourceServer');

const spec: ResourceServerSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  identifier,
  name: 'Shop API',
  scopes: [{ name: 'orders.read', description: 'Read orders' }],
};

function object(s: ResourceServerSpec = spec, released?: string[]): ManagedObject<ResourceServerSpec, ResourceServerRefs> {
  return { namespace: 'shop', name: 'shop-api', uid: 'uid-1', generation: 1, spec: s, externalId: identifier, refs: { userPoolId: poolId, region: 'eu-central-1' }, released };
}

const inAws = (overrides: Partial<ResourceServerType> = {}): ResourceServerType => ({
  UserPoolId: poolId,
  Identifier: identifier,
  Name: 'Shop API',
  Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }],
  ...overrides,
});

const notFound = () => new ResourceNotFoundException({ message: 'Resource server does not exist.', $metadata: { httpStatusCode: 400 } });
const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name : 'unknown';
};
const calls = (): string[] => cognito.calls().map(commandName);

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reports a resource server that is gone as not existing', async () => {
    cognito.on(DescribeResourceServerCommand).rejects(notFound());
    await expect(createResourceServerClient(fakeAws().aws).observe(object(), identifier)).resolves.toEqual({ exists: false });
  });

  it('finds an up-to-date resource server with one read, in the pool’s region', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws() });
    const { aws, regions } = fakeAws();
    await expect(createResourceServerClient(aws).observe(object(), identifier)).resolves.toEqual({
      exists: true,
      seen: inAws(),
      upToDate: true,
      diff: [],
      outputs: { identifier, userPoolId: poolId, scopes: [`${identifier}/orders.read`] },
      immutableMismatches: [],
    });
    expect(cognito.commandCalls(DescribeResourceServerCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, Identifier: identifier });
    expect(regions).toEqual(['eu-central-1']);
    expect(calls()).toEqual(['DescribeResourceServerCommand']);
  });

  it('reports an annotation naming another identifier than the spec as an immutable mismatch', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws({ Identifier: 'orders' }) });
    const got = await createResourceServerClient(fakeAws().aws).observe(object(), 'orders');
    expect(got).toMatchObject({ exists: true, immutableMismatches: [{ path: 'identifier', want: identifier, have: 'orders' }] });
  });
});

describe('findOwned', () => {
  it('finds the resource server of the spec’s identifier', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws() });
    await expect(createResourceServerClient(fakeAws().aws).findOwned(object())).resolves.toBe(identifier);
  });

  it('finds nothing when there is none', async () => {
    cognito.on(DescribeResourceServerCommand).rejects(notFound());
    await expect(createResourceServerClient(fakeAws().aws).findOwned(object())).resolves.toBeUndefined();
  });
});

describe('create', () => {
  it('creates with name and scopes in one call, and returns the identifier and the answer judged against the spec', async () => {
    cognito.on(CreateResourceServerCommand).resolves({ ResourceServer: inAws() });
    await expect(createResourceServerClient(fakeAws().aws).create(object())).resolves.toMatchObject({ externalId: identifier, seen: inAws(), observation: { exists: true, upToDate: true, diff: [] } });
    expect(cognito.commandCalls(CreateResourceServerCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      Identifier: identifier,
      Name: 'Shop API',
      Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }],
    });
  });

  it('leaves an answer without the server to the observe that follows', async () => {
    cognito.on(CreateResourceServerCommand).resolves({});
    await expect(createResourceServerClient(fakeAws().aws).create(object())).resolves.toEqual({ externalId: identifier });
  });
});

describe('update', () => {
  it('writes nothing when AWS matches', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws() });
    await expect(createResourceServerClient(fakeAws().aws).update(object(), identifier)).resolves.toEqual({ changed: [] });
    expect(calls()).toEqual(['DescribeResourceServerCommand']);
  });

  it('sends the name and the complete scope list, from a fresh read', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws({ Name: 'Old', Scopes: [{ ScopeName: 'old', ScopeDescription: 'Old' }] }) });
    cognito.on(UpdateResourceServerCommand).resolves({ ResourceServer: inAws() });
    const got = await createResourceServerClient(fakeAws().aws).update(object(), identifier);
    expect(got).toEqual({ changed: ['name', 'scopes[orders.read]', 'scopes[old]'] });
    expect(cognito.commandCalls(UpdateResourceServerCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      Identifier: identifier,
      Name: 'Shop API',
      Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }],
    });
  });

  it('resets a released description to the scope’s name', async () => {
    cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: inAws() });
    cognito.on(UpdateResourceServerCommand).resolves({ ResourceServer: inAws() });
    const withoutDescription = { ...spec, scopes: [{ name: 'orders.read' }] };
    const got = await createResourceServerClient(fakeAws().aws).update(object(withoutDescription, ['scopes[orders.read].description']), identifier);
    expect(got).toEqual({ changed: ['scopes[orders.read].description'] });
    expect(cognito.commandCalls(UpdateResourceServerCommand)[0]?.args[0].input.Scopes).toEqual([{ ScopeName: 'orders.read', ScopeDescription: 'orders.read' }]);
  });

  it('lets AWS’s not-found error through', async () => {
    cognito.on(DescribeResourceServerCommand).rejects(notFound());
    await expect(createResourceServerClient(fakeAws().aws).update(object(), identifier)).rejects.toThrow(ResourceNotFoundException);
  });
});

describe('delete', () => {
  it('deletes by pool and identifier', async () => {
    cognito.on(DeleteResourceServerCommand).resolves({});
    await createResourceServerClient(fakeAws().aws).delete(object(), identifier);
    expect(cognito.commandCalls(DeleteResourceServerCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, Identifier: identifier });
  });

  it('succeeds for a resource server that is gone', async () => {
    cognito.on(DeleteResourceServerCommand).rejects(notFound());
    await expect(createResourceServerClient(fakeAws().aws).delete(object(), identifier)).resolves.toBeUndefined();
  });
});
