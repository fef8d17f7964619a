/**
 * What test/env/moto/mfa_config.py adds to the emulator's SetUserPoolMfaConfig and
 * GetUserPoolMfaConfig, called through the AWS SDK: passkey (WebAuthn) and email MFA settings
 * stored and answered, checked as the API reference describes them.
 */
import { randomUUID } from 'node:crypto';
import { CreateUserPoolCommand, DeleteUserPoolCommand, GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { SetUserPoolMfaConfigCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';

const idp = cognito();
const defaults = { UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR' };
let poolId = '';

beforeAll(async () => {
  const { UserPool: pool } = await idp.send(new CreateUserPoolCommand({ PoolName: `mfa-${randomUUID().slice(0, 8)}` }));
  poolId = pool?.Id ?? '';
});

afterAll(async () => {
  await idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
  idp.destroy();
});

const get = () => idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
const set = (input: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>) => idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...input }));

describe('WebAuthnConfiguration', () => {
  it('is AWS’s defaults on a new pool', async () => {
    expect((await get()).WebAuthnConfiguration).toEqual(defaults);
  });

  it('is stored, answered by Set and Get, and kept by MFA OFF and by a request without it', async () => {
    const web = { RelyingPartyId: 'auth.example.com', UserVerification: 'required', FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } as const;
    expect((await set({ MfaConfiguration: 'OFF', WebAuthnConfiguration: web })).WebAuthnConfiguration).toEqual(web);
    expect((await get()).WebAuthnConfiguration).toEqual(web);
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(await get()).toMatchObject({ MfaConfiguration: 'OPTIONAL', WebAuthnConfiguration: web });
  });

  it('takes the defaults for members a request leaves out', async () => {
    await set({ MfaConfiguration: 'OFF', WebAuthnConfiguration: { UserVerification: 'required' } });
    expect((await get()).WebAuthnConfiguration).toEqual({ ...defaults, UserVerification: 'required' });
  });

  it('refuses values outside the reference’s constraints and changes nothing', async () => {
    const before = (await get()).WebAuthnConfiguration;
    const refused = (input: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>) => expect(set(input)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    // The SDK's types stop most bad values; the emulator must still refuse them on the wire.
    await refused({ MfaConfiguration: 'OFF', WebAuthnConfiguration: { UserVerification: 'always' as 'required' } });
    await refused({ MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'x'.repeat(128) } });
    await refused({ MfaConfiguration: 'OFF', WebAuthnConfiguration: { FactorConfiguration: 'TWO' as 'SINGLE_FACTOR' } });
    expect((await get()).WebAuthnConfiguration).toEqual(before);
  });
});

describe('EmailMfaConfiguration', () => {
  it('is stored with MFA on and dropped by a request without it', async () => {
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Subject: 'Your code', Message: 'Code {####}' } });
    expect((await get()).EmailMfaConfiguration).toEqual({ Subject: 'Your code', Message: 'Code {####}' });
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect((await get()).EmailMfaConfiguration).toBeUndefined();
  });

  it('refuses a message without the {####} placeholder', async () => {
    await expect(set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Message: 'no code here' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
