/**
 * UserPool security.passkeys end to end (SetUserPoolMfaConfig's WebAuthnConfiguration, which the
 * emulator keeps through test/env/moto/mfa_config.py): set, changed, MFA made in the console
 * kept, released back to AWS's defaults, a no-op resync with 0 writes. Bad values are refused at
 * admission (test/integration/invalid/userpool-passkeys-*.yaml).
 */
import { GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { GetUserPoolMfaConfigCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForReady, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const shortResyncSeconds = 3;
let operator: OperatorProcess | undefined;
let poolId = '';

const poolYaml = (passkeys?: Record<string, unknown>) =>
  JSON.stringify({
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name: 'passkeys' },
    spec: { poolName: 'it-passkeys', deletionPolicy: 'Delete', deletionProtection: false, ...(passkeys ? { security: { passkeys } } : {}) },
  });

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

const waitForGeneration = () => waitForReadyGeneration(ns.name, 'userpool', 'passkeys');

const mfaConfig = (): Promise<GetUserPoolMfaConfigCommandOutput> => aws.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name });
});

afterAll(async () => {
  operator ??= await startOperator({ namespace: ns.name });
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

describe('security.passkeys', () => {
  it('sets the relying party and user verification on create', async () => {
    apply(ns.name, poolYaml({ relyingPartyId: 'auth.shop.example.com', userVerification: 'required' }));
    poolId = String((await waitForReady(ns.name, 'userpool', 'passkeys')).status?.id);
    expect((await mfaConfig()).WebAuthnConfiguration).toEqual({ RelyingPartyId: 'auth.shop.example.com', UserVerification: 'required', FactorConfiguration: 'SINGLE_FACTOR' });
  });

  it('changes one setting with one SetUserPoolMfaConfig and keeps MFA set in the console', async () => {
    // MFA the spec never names, made in the console: the call that carries passkeys must keep it.
    await aws.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, WebAuthnConfiguration: (await mfaConfig()).WebAuthnConfiguration }));
    const before = await running().awsCalls();
    apply(ns.name, poolYaml({ relyingPartyId: 'auth.shop.example.com', userVerification: 'required', factorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' }));
    await waitForGeneration();
    const calls = callsBetween(before, await running().awsCalls());
    expect(calls.get('SetUserPoolMfaConfig')).toBe(1);
    expect(writeCalls(calls)).toBe(1);
    const now = await mfaConfig();
    expect(now.WebAuthnConfiguration).toEqual({ RelyingPartyId: 'auth.shop.example.com', UserVerification: 'required', FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' });
    expect(now.MfaConfiguration).toBe('OPTIONAL');
    expect(now.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
  });

  it('goes back to AWS’s defaults once the spec no longer names passkeys, MFA still kept', async () => {
    apply(ns.name, poolYaml());
    await waitFor('passkey settings reset', async () => {
      const web = (await mfaConfig()).WebAuthnConfiguration;
      return web?.UserVerification === 'preferred' && web.FactorConfiguration === 'SINGLE_FACTOR' ? web : undefined;
    });
    const obj = await waitForGeneration();
    expect(obj.metadata.annotations?.['cognito.operator.dev/applied'] ?? '').not.toContain('security.passkeys');
    expect((await mfaConfig()).MfaConfiguration).toBe('OPTIONAL');
  });
});

describe('a no-op resync', () => {
  it('makes no AWS write with passkeys named', async () => {
    await running().stop();
    operator = await startOperator({ namespace: ns.name, resyncInterval: `${shortResyncSeconds}s` });
    apply(ns.name, poolYaml({ userVerification: 'required' }));
    await waitFor('user verification required', async () => ((await mfaConfig()).WebAuthnConfiguration?.UserVerification === 'required' ? true : undefined));
    await waitForGeneration();
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'userpools', readOperation: 'GetUserPoolMfaConfig', noun: 'pool', resyncSeconds: shortResyncSeconds });
  });
});
