/**
 * Managed login branding as test/env/moto/branding.py adds it to the emulator, called through
 * the AWS SDK as the operator calls it. Each test creates its own pool and client.
 */
import { randomUUID } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateManagedLoginBrandingCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  UpdateManagedLoginBrandingCommand,
  type AssetType,
} from '@aws-sdk/client-cognito-identity-provider';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (the integration global set-up starts moto)`);
  return value;
}

const idp = new CognitoIdentityProviderClient({ endpoint: requiredEnv('AWS_ENDPOINT_URL'), region: requiredEnv('AWS_REGION') });
afterAll(() => idp.destroy());

const notFound = { name: 'ResourceNotFoundException' };
const invalid = { name: 'InvalidParameterException' };
const logo = (bytes = 'logo'): AssetType => ({ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: new TextEncoder().encode(bytes) });
const settings = { components: { primaryButton: { lightMode: { defaults: { backgroundColor: '0972d3ff' } } } } };

interface PoolAndClient {
  poolId: string;
  clientId: string;
}

async function poolWithClient(): Promise<PoolAndClient> {
  const { UserPool: pool } = await idp.send(new CreateUserPoolCommand({ PoolName: `pool-${randomUUID().slice(0, 8)}` }));
  if (!pool?.Id) throw new Error('CreateUserPool returned no Id');
  const { UserPoolClient: client } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'web' }));
  if (!client?.ClientId) throw new Error('CreateUserPoolClient returned no ClientId');
  return { poolId: pool.Id, clientId: client.ClientId };
}

async function brandingId(ids: PoolAndClient, request: { UseCognitoProvidedValues?: boolean; Settings?: typeof settings; Assets?: AssetType[] }): Promise<string> {
  const { ManagedLoginBranding: style } = await idp.send(new CreateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId, ...request }));
  if (!style?.ManagedLoginBrandingId) throw new Error('CreateManagedLoginBranding returned no ID');
  return style.ManagedLoginBrandingId;
}

describe('cognito-idp managed login branding', () => {
  it('creates a style with settings and assets, found by client and by ID, bytes as given', async () => {
    const ids = await poolWithClient();
    const id = await brandingId(ids, { Settings: settings, Assets: [logo()] });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const byClient = await idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId, ReturnMergedResources: false }));
    expect(byClient.ManagedLoginBranding).toMatchObject({ ManagedLoginBrandingId: id, UserPoolId: ids.poolId, UseCognitoProvidedValues: false, Settings: settings });
    expect(byClient.ManagedLoginBranding?.Assets).toEqual([{ ...logo(), Bytes: new TextEncoder().encode('logo') }]);
    const byId = await idp.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id }));
    expect(byId.ManagedLoginBranding?.ManagedLoginBrandingId).toBe(id);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: ids.poolId }));
  });

  it('allows one style per client (ManagedLoginBrandingExistsException), and none for a client or pool that does not exist', async () => {
    const ids = await poolWithClient();
    await brandingId(ids, { UseCognitoProvidedValues: true });
    await expect(brandingId(ids, { UseCognitoProvidedValues: true })).rejects.toMatchObject({ name: 'ManagedLoginBrandingExistsException' });
    await expect(brandingId({ ...ids, clientId: 'noclient' }, { UseCognitoProvidedValues: true })).rejects.toMatchObject(notFound);
    await expect(brandingId({ ...ids, poolId: `${ids.poolId}x` }, { UseCognitoProvidedValues: true })).rejects.toMatchObject(notFound);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: ids.poolId }));
  });

  it('refuses Cognito-provided values together with settings or assets, too many assets, bad enums, and two assets of one slot', async () => {
    const ids = await poolWithClient();
    await expect(brandingId(ids, { UseCognitoProvidedValues: true, Settings: settings })).rejects.toMatchObject(invalid);
    await expect(brandingId(ids, { UseCognitoProvidedValues: true, Assets: [logo()] })).rejects.toMatchObject(invalid);
    const many = Array.from({ length: 41 }, () => logo());
    await expect(brandingId(ids, { Assets: many })).rejects.toMatchObject({ ...invalid, message: expect.stringContaining('less than or equal to 40') });
    await expect(brandingId(ids, { Assets: [{ ...logo(), Extension: 'GIF' as AssetType['Extension'] }] })).rejects.toMatchObject(invalid);
    await expect(brandingId(ids, { Assets: [logo('a'), logo('b')] })).rejects.toMatchObject(invalid);
    await expect(brandingId(ids, { Assets: [logo('x'.repeat(1_000_001))] })).rejects.toMatchObject({ ...invalid, message: expect.stringContaining('1000000') });
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: ids.poolId }));
  });

  it('UpdateManagedLoginBranding keeps what it is not given, replaces a given asset list, and reverts to Cognito’s values', async () => {
    const ids = await poolWithClient();
    const id = await brandingId(ids, { Settings: settings, Assets: [logo()] });
    const describe = async () => (await idp.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id }))).ManagedLoginBranding;

    const dark: AssetType = { Category: 'PAGE_BACKGROUND', ColorMode: 'DARK', Extension: 'SVG', Bytes: new TextEncoder().encode('<svg/>') };
    await idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id, Assets: [dark] }));
    expect(await describe()).toMatchObject({ Settings: settings, Assets: [{ Category: 'PAGE_BACKGROUND', ColorMode: 'DARK' }] });

    const other = { categories: { global: { colorSchemeMode: 'DARK' } } };
    await idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id, Settings: other }));
    expect(await describe()).toMatchObject({ Settings: other, Assets: [{ Category: 'PAGE_BACKGROUND' }] });

    await idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id, Assets: [] }));
    expect((await describe())?.Assets ?? []).toEqual([]);

    await idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }));
    const reverted = await describe();
    expect(reverted).toMatchObject({ UseCognitoProvidedValues: true });
    expect(reverted?.Settings).toBeUndefined();
    await expect(idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: randomUUID(), Settings: settings }))).rejects.toMatchObject(notFound);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: ids.poolId }));
  });

  it('DeleteManagedLoginBranding deletes it; a second delete answers ResourceNotFoundException; deleting the client deletes its style', async () => {
    const ids = await poolWithClient();
    const id = await brandingId(ids, { UseCognitoProvidedValues: true });
    await idp.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id }));
    await expect(idp.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: ids.poolId, ManagedLoginBrandingId: id }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId }))).rejects.toMatchObject(notFound);

    await brandingId(ids, { UseCognitoProvidedValues: true });
    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId }));
    await expect(idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId }))).rejects.toMatchObject(notFound);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: ids.poolId }));
  });
});
