import type { GetUserPoolMfaConfigResponse, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import { OwnerUidTag } from '../../api/group';
import { diffUserPool, mfaRequest, releasedDomainDeletes, tagsDiff, updateUserPoolRequest } from './mapping';
import { userPoolOwnedPaths } from './ownership';
import type { UserPoolSpec } from './schema';

const uid = 'uid-1';
const poolId = 'eu-west-1_AbCdEf123';
const lambda = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const base: UserPoolSpec = { deletionPolicy: 'Retain', deletionProtection: false };
const pool: UserPoolType = {
  Id: poolId,
  Name: 'shop',
  DeletionProtection: 'INACTIVE',
  LambdaConfig: {
    PreSignUp: lambda('pre'),
    PostConfirmation: lambda('post'),
    PreTokenGeneration: lambda('token'),
    PreTokenGenerationConfig: { LambdaArn: lambda('token'), LambdaVersion: 'V2_0' },
    PostAuthentication: lambda('console'),
  },
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  UserPoolTags: { team: 'a', env: 'dev', 'cost-center': '42', [OwnerUidTag]: uid },
  Domain: 'shop-login',
};
const smsOn: GetUserPoolMfaConfigResponse = {
  MfaConfiguration: 'OPTIONAL',
  SoftwareTokenMfaConfiguration: { Enabled: true },
  SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' } },
};

describe('userPoolOwnedPaths', () => {
  const cases: Case<[UserPoolSpec], string[]>[] = [
    { name: 'nothing tracked', reason: 'a spec without maps or optional sections owns nothing', args: [base], want: [] },
    {
      name: 'every tracked section',
      reason: 'tag keys, triggers by name, device tracking, SMS MFA, passkeys and the domain by kind',
      args: [
        {
          ...base,
          tags: { team: 'a' },
          triggers: { preSignUp: lambda('pre'), preTokenGeneration: lambda('t'), preTokenGenerationVersion: 'V2_0' },
          security: {
            deviceTracking: { challengeRequiredOnNewDevice: true },
            mfa: { mode: 'OPTIONAL', totp: true, sms: { enabled: true } },
            passkeys: { userVerification: 'required' },
          },
          domain: { prefix: 'shop-login' },
        },
      ],
      want: ['tags.team', 'triggers.preSignUp', 'triggers.preTokenGeneration', 'security.deviceTracking', 'security.mfa.sms', 'security.passkeys', 'domain.prefix'],
    },
    {
      name: 'custom domain',
      reason: 'the domain is owned by its kind, so switching kinds releases the other',
      args: [{ ...base, domain: { customDomain: 'auth.shop.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' } }],
      want: ['domain.customDomain'],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(userPoolOwnedPaths(...args)).toEqual(want);
  });
});

describe('releasing UserPool paths', () => {
  it('UpdateUserPool leaves out released triggers (both pre-token fields) and device tracking; never-named ones stay', () => {
    const request = updateUserPoolRequest(base, pool, ['triggers.postConfirmation', 'triggers.preTokenGeneration', 'security.deviceTracking']);
    expect(request.LambdaConfig).toEqual({ PreSignUp: lambda('pre'), PostAuthentication: lambda('console') });
    expect(request.DeviceConfiguration).toBeUndefined();
  });

  it('without released paths UpdateUserPool keeps every trigger and the devices as AWS has them', () => {
    const request = updateUserPoolRequest(base, pool);
    expect(request.LambdaConfig).toEqual(pool.LambdaConfig);
    expect(request.DeviceConfiguration).toEqual(pool.DeviceConfiguration);
  });

  it('diffUserPool reports each released path AWS still has, and nothing for one already gone', () => {
    const released = ['triggers.postConfirmation', 'triggers.customMessage', 'tags.env', 'tags.gone', 'security.deviceTracking', 'domain.prefix', 'domain.customDomain'];
    expect(diffUserPool(base, { pool, mfa: { MfaConfiguration: 'OFF' } }, uid, released).sort()).toEqual(
      ['domain.prefix', 'security.deviceTracking', 'tags.env', 'triggers.postConfirmation'].sort(),
    );
  });

  it('diffUserPool is empty once AWS no longer has the released paths', () => {
    const cleaned: UserPoolType = { ...pool, LambdaConfig: { PreSignUp: lambda('pre') }, DeviceConfiguration: {}, UserPoolTags: { [OwnerUidTag]: uid }, Domain: undefined };
    expect(diffUserPool(base, { pool: cleaned, mfa: { MfaConfiguration: 'OFF' } }, uid, ['triggers.postConfirmation', 'tags.env', 'security.deviceTracking', 'domain.prefix'])).toEqual([]);
  });

  it('untags only released keys: a tag the spec never named stays', () => {
    expect(tagsDiff({ ...base, tags: { team: 'a' } }, pool.UserPoolTags, uid, ['tags.env'])).toEqual({ tagsToAdd: {}, keysToRemove: ['env'] });
  });

  it('deletes the released domain of each kind the pool has', () => {
    expect(releasedDomainDeletes({ ...pool, CustomDomain: 'auth.shop.example.com' }, ['domain.customDomain'])).toEqual([
      { path: 'domain.customDomain', request: { Domain: 'auth.shop.example.com', UserPoolId: poolId } },
    ]);
    expect(releasedDomainDeletes(pool, ['domain.prefix']).map((d) => d.request.Domain)).toEqual(['shop-login']);
    expect(releasedDomainDeletes(pool, [])).toEqual([]);
  });

  const mfaCases: Case<[UserPoolSpec, GetUserPoolMfaConfigResponse, string[]], Record<string, unknown> | undefined>[] = [
    {
      name: 'sms released, mfa kept',
      reason: 'SMS goes off, TOTP and the mode stay',
      args: [{ ...base, security: { mfa: { mode: 'OPTIONAL', totp: true } } }, smsOn, ['security.mfa.sms']],
      want: { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    },
    {
      name: 'sms released with the whole mfa section',
      reason: 'the spec names no mode: AWS’s stays while another factor is on',
      args: [base, smsOn, ['security.mfa.sms']],
      want: { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    },
    {
      name: 'sms was the only factor',
      reason: 'AWS allows no MFA without a factor: MFA goes OFF',
      args: [base, { ...smsOn, SoftwareTokenMfaConfiguration: { Enabled: false } }, ['security.mfa.sms']],
      want: { UserPoolId: poolId, MfaConfiguration: 'OFF' },
    },
    {
      name: 'sms released but already off',
      reason: 'nothing to write',
      args: [base, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }, ['security.mfa.sms']],
      want: undefined,
    },
    {
      name: 'sms never recorded',
      reason: 'an SMS MFA the spec never named keeps its AWS state',
      args: [base, smsOn, []],
      want: undefined,
    },
  ];
  it.each(mfaCases)('mfaRequest, $name: $reason', ({ args: [spec, current, released], want }) => {
    expect(mfaRequest(spec, current, poolId, released)).toEqual(want);
  });
});
