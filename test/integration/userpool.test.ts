/**
 * UserPool end to end: the operator process against the real API server and the Cognito
 * emulator. Resync is 4 s here so drift tests finish quickly.
 */
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { changeUserPoolInAws, cognito, describeUserPool, userPoolsNamed } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const resyncSeconds = 4;
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
});

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

/** Applies a UserPool; a uniquely named pool in AWS keeps tests apart. */
function applyPool(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name, annotations }, spec }));
}

function statusId(obj: StoredObject | undefined): string {
  const id = obj?.status?.id;
  if (typeof id !== 'string') throw new Error('status.id is not set');
  return id;
}

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'userpool', name);

const fullSpec = {
  poolName: 'it-full',
  deletionPolicy: 'Delete',
  deletionProtection: false,
  signIn: { usernameAttributes: ['email'], caseSensitive: false },
  security: {
    passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 3 },
    mfa: { mode: 'OPTIONAL', totp: true },
    accountRecovery: ['verified_email'],
    deviceTracking: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: true },
  },
  signUp: {
    selfRegistration: false,
    autoVerifiedAttributes: ['email'],
    attributes: [
      { name: 'email', required: true, mutable: true },
      { name: 'tier', custom: true, type: 'String', mutable: true, minLength: 1, maxLength: 16 },
    ],
  },
  messaging: {
    email: { sendingAccount: 'COGNITO_DEFAULT' },
    verification: { defaultEmailOption: 'CONFIRM_WITH_CODE', emailSubject: 'Your code', emailMessage: 'Code: {####}' },
    invitation: { emailSubject: 'Welcome', emailMessage: 'Hello {username}, your password is {####}' },
  },
  triggers: { preSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up' },
  domain: { prefix: 'it-full-login' },
  tags: { team: 'shop', env: 'test' },
};

describe('a UserPool with every section', () => {
  let id: string;

  it('becomes Ready with its identifiers in status', async () => {
    applyPool('full', fullSpec);
    const obj = await waitForReady(ns.name, 'userpool', 'full');
    id = statusId(obj);
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(id);
    expect(obj.metadata.finalizers).toContain('cognito.operator.dev/finalizer');
    expect(obj.status).toMatchObject({
      observedGeneration: obj.metadata.generation,
      arn: expect.stringMatching(new RegExp(`:userpool/${id}$`)),
      issuerUrl: `https://cognito-idp.eu-west-1.amazonaws.com/${id}`,
      jwksUri: `https://cognito-idp.eu-west-1.amazonaws.com/${id}/.well-known/jwks.json`,
      domain: 'it-full-login',
      hostedUiUrl: 'https://it-full-login.auth.eu-west-1.amazoncognito.com',
    });
    const byType = Object.fromEntries((obj.status?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));
    expect(byType).toEqual({ Ready: 'True/Available', Synced: 'True/ReconcileSuccess', Reconciling: 'False/Available', Stalled: 'False/Available' });
    await waitForEvent(ns.name, 'full', 'Created');
  });

  it('made AWS match every section', async () => {
    const pool = await describeUserPool(aws, id);
    expect(pool.Name).toBe('it-full');
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 });
    expect(pool.AccountRecoverySetting?.RecoveryMechanisms).toEqual([{ Name: 'verified_email', Priority: 1 }]);
    expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    expect(pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.AdminCreateUserConfig?.InviteMessageTemplate).toMatchObject({ EmailSubject: 'Welcome', EmailMessage: 'Hello {username}, your password is {####}' });
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: 'Your code', EmailMessage: 'Code: {####}' });
    expect(pool.EmailConfiguration?.EmailSendingAccount).toBe('COGNITO_DEFAULT');
    expect(pool.LambdaConfig?.PreSignUp).toBe(fullSpec.triggers.preSignUp);
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(pool.SchemaAttributes).toEqual(
      expect.arrayContaining([expect.objectContaining({ Name: 'custom:tier', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '1', MaxLength: '16' } })]),
    );
    const mfa = await aws.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
    const domain = await aws.send(new DescribeUserPoolDomainCommand({ Domain: 'it-full-login' }));
    expect(domain.DomainDescription?.UserPoolId).toBe(id);
    const obj = getObject(ns.name, 'userpool', 'full');
    const tags = await aws.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }));
    expect(tags.Tags).toEqual({ team: 'shop', env: 'test', 'cognito.operator.dev/owner-uid': obj?.metadata.uid });
  });

  it('makes no write call on a no-op resync', async () => {
    const before = await operator.awsCalls();
    await new Promise((r) => setTimeout(r, (3 * resyncSeconds + 1) * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    // Resyncs did happen: the pool was read.
    expect(during.get('DescribeUserPool') ?? 0).toBeGreaterThanOrEqual(2);
    console.log(`no-op resync: AWS calls over ${3 * resyncSeconds + 1}s: ${JSON.stringify(Object.fromEntries(during))}`);
  });

  it('updates every section and keeps settings the spec does not name', async () => {
    // A console user adds a trigger the spec does not name.
    const postConfirmation = 'arn:aws:lambda:eu-west-1:123456789012:function:post-confirmation';
    await changeUserPoolInAws(aws, id, (pool) => ({ LambdaConfig: { ...pool.LambdaConfig, PostConfirmation: postConfirmation } }));

    applyPool('full', {
      ...fullSpec,
      security: {
        ...fullSpec.security,
        passwordPolicy: { minimumLength: 14 },
        mfa: { mode: 'ON', totp: true },
        accountRecovery: ['verified_email', 'verified_phone_number'],
      },
      signUp: { ...fullSpec.signUp, attributes: [...fullSpec.signUp.attributes, { name: 'plan', custom: true, type: 'Number', minValue: 0, maxValue: 9 }] },
      messaging: { ...fullSpec.messaging, verification: { ...fullSpec.messaging.verification, emailSubject: 'Your new code' } },
      triggers: { preSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up-v2' },
      domain: { prefix: 'it-full-login-2' },
      tags: { team: 'shop', env: 'prod' },
    });
    const obj = await waitForGeneration('full');
    expect(obj.metadata.generation).toBe(2);

    const pool = await describeUserPool(aws, id);
    expect(pool.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, TemporaryPasswordValidityDays: 3 });
    expect(pool.AccountRecoverySetting?.RecoveryMechanisms).toEqual([{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }]);
    expect(pool.SchemaAttributes?.map((a) => a.Name)).toEqual(expect.arrayContaining(['custom:tier', 'custom:plan']));
    expect(pool.VerificationMessageTemplate?.EmailSubject).toBe('Your new code');
    expect(pool.LambdaConfig).toMatchObject({ PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up-v2', PostConfirmation: postConfirmation });
    expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    expect(pool.UserPoolTags).toMatchObject({ team: 'shop', env: 'prod' });
    const mfa = await aws.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    expect(mfa.MfaConfiguration).toBe('ON');
    expect(obj.status).toMatchObject({ domain: 'it-full-login-2', hostedUiUrl: 'https://it-full-login-2.auth.eu-west-1.amazoncognito.com' });
    await waitForEvent(ns.name, 'full', 'Updated');
  });

  it('corrects drift made directly in AWS on the next resync, with an Event', async () => {
    await changeUserPoolInAws(aws, id, (pool) => ({ Policies: { PasswordPolicy: { ...pool.Policies?.PasswordPolicy, MinimumLength: 6 } } }));
    await waitFor('password policy restored', async () => (await describeUserPool(aws, id)).Policies?.PasswordPolicy?.MinimumLength === 14 || undefined, { timeoutMs: 5 * resyncSeconds * 1000 });
    const event = await waitForEvent(ns.name, 'full', 'DriftCorrected');
    expect(event.message).toContain('security.passwordPolicy');
  });

  it('is deleted from AWS with deletionPolicy Delete', async () => {
    kubectlOk(['delete', 'userpool', 'full', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'userpool', 'full');
    await expect(aws.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('adoption', () => {
  it('adopts a pool made outside Kubernetes and applies the spec to it', async () => {
    const created = await aws.send(new CreateUserPoolCommand({ PoolName: 'it-adopted', UserPoolTags: { origin: 'console' } }));
    const id = created.UserPool?.Id ?? '';
    applyPool('adopted', { poolName: 'it-adopted', security: { passwordPolicy: { minimumLength: 16 } }, tags: { team: 'shop' } }, { 'cognito.operator.dev/external-id': id });
    const obj = await waitForReady(ns.name, 'userpool', 'adopted');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status?.id).toBe(id);
    const pool = await describeUserPool(aws, id);
    expect(pool.Policies?.PasswordPolicy?.MinimumLength).toBe(16);
    expect(pool.UserPoolTags).toMatchObject({ origin: 'console', team: 'shop' });
    expect(await userPoolsNamed(aws, 'it-adopted')).toHaveLength(1);
  });

  it('stalls when the pool to adopt does not exist', async () => {
    applyPool('missing', { poolName: 'it-missing' }, { 'cognito.operator.dev/external-id': 'eu-west-1_doesnotexist' });
    const obj = await waitForCondition(ns.name, 'userpool', 'missing', 'Stalled', 'True', 'AdoptionTargetNotFound');
    expect(condition(obj, 'Ready')?.message).toContain('eu-west-1_doesnotexist');
    expect(await userPoolsNamed(aws, 'it-missing')).toHaveLength(0);
  });
});

describe('errors and deletion guards', () => {
  it('stalls with AWS’s message when AWS rejects the spec', async () => {
    applyPool('rejected', { poolName: 'it-rejected', signUp: { attributes: [{ name: 'email', type: 'Number' }] } });
    const obj = await waitForCondition(ns.name, 'userpool', 'rejected', 'Stalled', 'True', 'InvalidSpec');
    const ready = condition(obj, 'Ready');
    expect(ready?.status).toBe('False');
    expect(ready?.message).toMatch(/InvalidParameterException.*AttributeDataType/);
    expect(condition(obj, 'Synced')?.status).toBe('False');
    await waitForEvent(ns.name, 'rejected', 'InvalidSpec');
  });

  it('keeps a protected pool: DeletionBlocked until protection is turned off', async () => {
    applyPool('guarded', { poolName: 'it-guarded', deletionPolicy: 'Delete', deletionProtection: true });
    const id = statusId(await waitForReady(ns.name, 'userpool', 'guarded'));
    kubectlOk(['delete', 'userpool', 'guarded', '-n', ns.name, '--wait=false']);
    const blocked = await waitForCondition(ns.name, 'userpool', 'guarded', 'Stalled', 'True', 'DeletionBlocked');
    expect(condition(blocked, 'Ready')?.message).toMatch(/deletion protection/i);
    expect((await describeUserPool(aws, id)).Id).toBe(id);

    kubectlOk(['patch', 'userpool', 'guarded', '-n', ns.name, '--type=merge', '-p', '{"spec":{"deletionProtection":false}}']);
    await waitForGone(ns.name, 'userpool', 'guarded');
    await expect(aws.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('leaves the pool in AWS with deletionPolicy Retain (the default)', async () => {
    applyPool('kept', { poolName: 'it-kept' });
    const obj = await waitForReady(ns.name, 'userpool', 'kept');
    expect(obj.spec.deletionPolicy).toBe('Retain');
    const id = statusId(obj);
    kubectlOk(['delete', 'userpool', 'kept', '-n', ns.name]);
    await waitForGone(ns.name, 'userpool', 'kept');
    expect((await describeUserPool(aws, id)).Id).toBe(id);
  });
});
