/**
 * The classic hosted UI customization as test/env/moto/ui_customization.py adds it to the
 * emulator, called through the AWS SDK as the operator calls it. Each test creates its own pool.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';

const idp = cognito();
afterAll(() => idp.destroy());

const invalid = { name: 'InvalidParameterException' };
const png = (tail: string) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(tail)]);

async function pool(withDomain = true): Promise<string> {
  const { UserPool: created } = await idp.send(new CreateUserPoolCommand({ PoolName: `pool-${randomUUID().slice(0, 8)}` }));
  if (!created?.Id) throw new Error('CreateUserPool returned no Id');
  if (withDomain) await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: created.Id, Domain: `ui-${randomUUID().slice(0, 8)}` }));
  return created.Id;
}

describe('cognito-idp UI customization', () => {
  it('sets CSS and an image for all clients, answers an ImageUrl, and resets with neither', async () => {
    const id = await pool();
    await idp.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL', CSS: '.banner-customizable {color: red}', ImageFile: png('a') }));
    const got = (await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL' }))).UICustomization;
    expect(got).toMatchObject({ UserPoolId: id, ClientId: 'ALL', CSS: '.banner-customizable {color: red}' });
    expect(got?.ImageUrl).toMatch(/^https:\/\//);
    await idp.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL' }));
    const reset = (await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL' }))).UICustomization;
    expect(reset?.CSS).toBeUndefined();
    expect(reset?.ImageUrl).toBeUndefined();
  });

  it('a client without its own answers the ALL customization; its own takes precedence', async () => {
    const id = await pool();
    const { UserPoolClient: client } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'web' }));
    const clientId = client?.ClientId ?? '';
    await idp.send(new SetUICustomizationCommand({ UserPoolId: id, CSS: '.label-customizable {color: blue}' }));
    // The fallback says whose it is: ClientId ALL, not the client asked about.
    expect((await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: clientId }))).UICustomization).toMatchObject({ ClientId: 'ALL', CSS: '.label-customizable {color: blue}' });
    await idp.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: clientId, CSS: '.label-customizable {color: green}' }));
    expect((await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: clientId }))).UICustomization).toMatchObject({ ClientId: clientId, CSS: '.label-customizable {color: green}' });
    expect((await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL' }))).UICustomization?.CSS).toBe('.label-customizable {color: blue}');
    // Reset with neither CSS nor image: the client keeps settings of its own (empty), it does not fall back.
    await idp.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: clientId }));
    const reset = (await idp.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: clientId }))).UICustomization;
    expect(reset?.ClientId).toBe(clientId);
    expect(reset?.CSS).toBeUndefined();
  });

  it('refuses a pool without a domain, an unknown client, a non-image and an image over 100 KB', async () => {
    await expect(idp.send(new SetUICustomizationCommand({ UserPoolId: await pool(false), CSS: '.x {}' }))).rejects.toMatchObject({
      ...invalid,
      message: 'There has to be an existing domain associated with this user pool',
    });
    const id = await pool();
    await expect(idp.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: 'nosuchclient', CSS: '.x {}' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(idp.send(new SetUICustomizationCommand({ UserPoolId: id, ImageFile: new TextEncoder().encode('not an image') }))).rejects.toMatchObject(invalid);
    await expect(idp.send(new SetUICustomizationCommand({ UserPoolId: id, ImageFile: png('x'.repeat(100 * 1024)) }))).rejects.toMatchObject(invalid);
  });
});
