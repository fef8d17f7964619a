import type { ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CreateManagedLoginBrandingCommand,
  DeleteManagedLoginBrandingCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  ResourceNotFoundException,
  UpdateManagedLoginBrandingCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import type { ManagedObject } from '../../reconciler/external';
import { createManagedLoginBrandingClient } from './client';
import type { ManagedLoginBrandingRefs } from './mapping';
import type { ManagedLoginBrandingSpec } from './schema';

const poolId = 'eu-central-1_AbCdEf123';
const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
const cognito = mockClient(CognitoIdentityProviderClient);
const fakeAws = () => identityProviderAws('ManagedLoginBranding');
const settings = { categories: { global: { colorSchemeMode: 'DARK' } } };
const spec: ManagedLoginBrandingSpec = { deletionPolicy: 'Delete', appClientRef: { name: 'web' }, settings };
const refs: ManagedLoginBrandingRefs = { userPoolId: poolId, clientId: 'client1', region: 'eu-central-1', assetBytes: new Map() };
const object = (s: ManagedLoginBrandingSpec = spec): ManagedObject<ManagedLoginBrandingSpec, ManagedLoginBrandingRefs> => ({
  namespace: 'shop',
  name: 'web-style',
  uid: 'uid-1',
  generation: 1,
  spec: s,
  externalId: id,
  refs,
});
const inAws = (overrides: Partial<ManagedLoginBrandingType> = {}): ManagedLoginBrandingType => ({ ManagedLoginBrandingId: id, UserPoolId: poolId, UseCognitoProvidedValues: false, Settings: settings, ...overrides });
const notFound = () => new ResourceNotFoundException({ message: 'Managed login branding does not exist.', $metadata: { httpStatusCode: 400 } });

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reads the customized values only, in the pool’s region, and hands them to update', async () => {
    cognito.on(DescribeManagedLoginBrandingCommand).resolves({ ManagedLoginBranding: inAws() });
    const { aws, regions } = fakeAws();
    await expect(createManagedLoginBrandingClient(aws).observe(object(), id)).resolves.toEqual({
      exists: true,
      seen: inAws(),
      upToDate: true,
      diff: [],
      outputs: { id, clientId: 'client1', userPoolId: poolId },
    });
    expect(cognito.commandCalls(DescribeManagedLoginBrandingCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ManagedLoginBrandingId: id, ReturnMergedResources: false });
    expect(regions).toEqual(['eu-central-1']);
  });
  it('reports a style that is gone as not existing', async () => {
    cognito.on(DescribeManagedLoginBrandingCommand).rejects(notFound());
    await expect(createManagedLoginBrandingClient(fakeAws().aws).observe(object(), id)).resolves.toEqual({ exists: false });
  });
});

describe('findOwned', () => {
  it('finds the client’s style', async () => {
    cognito.on(DescribeManagedLoginBrandingByClientCommand).resolves({ ManagedLoginBranding: inAws() });
    await expect(createManagedLoginBrandingClient(fakeAws().aws).findOwned(object())).resolves.toBe(id);
    expect(cognito.commandCalls(DescribeManagedLoginBrandingByClientCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ClientId: 'client1', ReturnMergedResources: false });
  });
  it('finds nothing for a client without one', async () => {
    cognito.on(DescribeManagedLoginBrandingByClientCommand).rejects(notFound());
    await expect(createManagedLoginBrandingClient(fakeAws().aws).findOwned(object())).resolves.toBeUndefined();
  });
});

describe('create, update, delete', () => {
  it('creates in one call and returns the ManagedLoginBrandingId', async () => {
    cognito.on(CreateManagedLoginBrandingCommand).resolves({ ManagedLoginBranding: inAws() });
    await expect(createManagedLoginBrandingClient(fakeAws().aws).create(object())).resolves.toEqual({ externalId: id });
    expect(cognito.commandCalls(CreateManagedLoginBrandingCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ClientId: 'client1', Settings: settings });
  });
  it('writes nothing when what observe read matches, and reads nothing again', async () => {
    await expect(createManagedLoginBrandingClient(fakeAws().aws).update(object(), id, inAws())).resolves.toEqual({ changed: [] });
    expect(cognito.calls()).toHaveLength(0);
  });
  it('resets to Cognito’s values from a fresh read', async () => {
    cognito.on(DescribeManagedLoginBrandingCommand).resolves({ ManagedLoginBranding: inAws() });
    cognito.on(UpdateManagedLoginBrandingCommand).resolves({ ManagedLoginBranding: inAws({ UseCognitoProvidedValues: true }) });
    const got = await createManagedLoginBrandingClient(fakeAws().aws).update(object({ deletionPolicy: 'Delete', appClientRef: { name: 'web' }, useCognitoProvidedValues: true }), id);
    expect(got).toEqual({ changed: ['useCognitoProvidedValues'] });
    expect(cognito.commandCalls(UpdateManagedLoginBrandingCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true });
  });
  it('deletes by pool and ID, and succeeds for a style that is gone', async () => {
    cognito.on(DeleteManagedLoginBrandingCommand).rejects(notFound());
    await expect(createManagedLoginBrandingClient(fakeAws().aws).delete(object(), id)).resolves.toBeUndefined();
    expect(cognito.commandCalls(DeleteManagedLoginBrandingCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, ManagedLoginBrandingId: id });
  });
});
