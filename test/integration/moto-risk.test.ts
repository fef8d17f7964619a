/**
 * The risk configuration (test/env/moto/risk.py) and log delivery (test/env/moto/log_delivery.py)
 * operations the emulator adds, called through the AWS SDK as the operator calls them.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeRiskConfigurationCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  type UserPoolTierType,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';

const region = process.env.AWS_REGION ?? 'eu-west-1';
const account = process.env.MOTO_ACCOUNT_ID ?? '123456789012';
const idp = cognito();
afterAll(() => idp.destroy());

const sesArn = `arn:aws:ses:${region}:${account}:identity/shop.example.com`;
const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:/cognito/shop`;
const bucketArn = 'arn:aws:s3:::shop-cognito-logs';

async function createPool(mode: 'OFF' | 'AUDIT' | 'ENFORCED' = 'AUDIT', tier: UserPoolTierType = 'PLUS'): Promise<string> {
  const out = await idp.send(
    new CreateUserPoolCommand({ PoolName: `risk-${randomUUID().slice(0, 8)}`, UserPoolTier: tier, UserPoolAddOns: { AdvancedSecurityMode: mode } }),
  );
  if (!out.UserPool?.Id) throw new Error('CreateUserPool returned no Id');
  return out.UserPool.Id;
}

async function createClient(userPoolId: string): Promise<string> {
  const out = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web' }));
  if (!out.UserPoolClient?.ClientId) throw new Error('CreateUserPoolClient returned no ClientId');
  return out.UserPoolClient.ClientId;
}

const compromised = { EventFilter: ['SIGN_IN' as const], Actions: { EventAction: 'BLOCK' as const } };
const exceptions = { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: ['10.0.0.0/8'] };

describe('risk configuration', () => {
  it('describes a pool without one as its ID alone', async () => {
    const pool = await createPool();

    const { RiskConfiguration } = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }));

    expect(RiskConfiguration).toEqual({ UserPoolId: pool });
  });

  it('replaces the whole configuration: a section left out is removed', async () => {
    const pool = await createPool();
    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, CompromisedCredentialsRiskConfiguration: compromised, RiskExceptionConfiguration: exceptions }));

    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: { BlockedIPRangeList: ['198.51.100.7/32'] } }));

    const { RiskConfiguration } = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }));
    expect(RiskConfiguration?.CompromisedCredentialsRiskConfiguration).toBeUndefined();
    expect(RiskConfiguration?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['198.51.100.7/32'] });
    expect(RiskConfiguration?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it("keeps a client's configuration apart from the pool's, answers the pool's (ClientId ALL) for other clients, and deletes it with no section", async () => {
    const pool = await createPool();
    const [own, other] = [await createClient(pool), await createClient(pool)];
    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: exceptions }));
    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId: own, CompromisedCredentialsRiskConfiguration: compromised }));

    const mine = (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId: own }))).RiskConfiguration;
    const fallback = (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId: other }))).RiskConfiguration;
    expect(mine).toMatchObject({ ClientId: own, CompromisedCredentialsRiskConfiguration: compromised });
    expect(mine?.RiskExceptionConfiguration).toBeUndefined();
    expect(fallback).toMatchObject({ ClientId: 'ALL', RiskExceptionConfiguration: exceptions });

    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId: own }));

    const after = (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId: own }))).RiskConfiguration;
    expect(after).toMatchObject({ ClientId: 'ALL', RiskExceptionConfiguration: exceptions });
  });

  it('refuses a client the pool does not have, and forgets a deleted client and pool', async () => {
    const pool = await createPool();
    const client = await createClient(pool);
    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId: client, CompromisedCredentialsRiskConfiguration: compromised }));
    await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId: 'nosuchclient1234567890', RiskExceptionConfiguration: exceptions }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: client }));
    await expect(idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId: client }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    await expect(idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('needs threat protection on for a section, but deletes without it', async () => {
    const pool = await createPool('OFF');

    await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: exceptions }))).rejects.toMatchObject({
      name: 'UserPoolAddOnNotEnabledException',
    });
    await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool }))).resolves.toBeDefined();
  });

  it.each([
    ['notify without a NotifyConfiguration', { AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const } } } }],
    [
      'a NotifyConfiguration without SourceArn',
      { AccountTakeoverRiskConfiguration: { NotifyConfiguration: { From: 'a@b.c' } as never, Actions: { HighAction: { Notify: false, EventAction: 'BLOCK' as const } } } },
    ],
    ['an empty email subject', {
      AccountTakeoverRiskConfiguration: {
        NotifyConfiguration: { SourceArn: sesArn, BlockEmail: { Subject: '', TextBody: 'blocked you' } },
        Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const } },
      },
    }],
    ['an unknown action', { CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'MFA_REQUIRED' as never } } }],
    ['an IP range that is not a CIDR', { RiskExceptionConfiguration: { BlockedIPRangeList: ['not-an-ip'] } }],
  ])('rejects %s with InvalidParameterException', async (_what, sections) => {
    const pool = await createPool();

    await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ...sections }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('accepts account takeover actions that notify with a NotifyConfiguration', async () => {
    const pool = await createPool();
    const takeover = {
      NotifyConfiguration: { SourceArn: sesArn, From: 'security@shop.example.com', BlockEmail: { Subject: 'Sign-in blocked', TextBody: 'We blocked a sign-in.' } },
      Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const }, LowAction: { Notify: false, EventAction: 'NO_ACTION' as const } },
    };

    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, AccountTakeoverRiskConfiguration: takeover }));

    const { RiskConfiguration } = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }));
    expect(RiskConfiguration?.AccountTakeoverRiskConfiguration).toEqual(takeover);
  });
});

describe('log delivery', () => {
  it('answers an empty list for a pool without logging, sets and replaces the list', async () => {
    const pool = await createPool();
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration).toEqual({ UserPoolId: pool, LogConfigurations: [] });
    const both = [
      { EventSource: 'userNotification' as const, LogLevel: 'ERROR' as const, CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn } },
      { EventSource: 'userAuthEvents' as const, LogLevel: 'INFO' as const, S3Configuration: { BucketArn: bucketArn } },
    ];

    await idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: both }));
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration?.LogConfigurations).toEqual(both);

    await idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [] }));
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration?.LogConfigurations).toEqual([]);
  });

  it.each([
    ['userNotification at INFO', { EventSource: 'userNotification' as const, LogLevel: 'INFO' as const, CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn } }],
    ['userNotification to S3', { EventSource: 'userNotification' as const, LogLevel: 'ERROR' as const, S3Configuration: { BucketArn: bucketArn } }],
    ['two destinations', { EventSource: 'userAuthEvents' as const, LogLevel: 'INFO' as const, S3Configuration: { BucketArn: bucketArn }, CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn } }],
    ['a bucket ARN as log group', { EventSource: 'userAuthEvents' as const, LogLevel: 'INFO' as const, CloudWatchLogsConfiguration: { LogGroupArn: bucketArn } }],
  ])('rejects %s with InvalidParameterException', async (_what, entry) => {
    const pool = await createPool();

    await expect(idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [entry] }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('needs the Plus plan for userAuthEvents and refuses a second entry of one source', async () => {
    const essentials = await createPool('OFF', 'ESSENTIALS');
    const entry = { EventSource: 'userAuthEvents' as const, LogLevel: 'INFO' as const, S3Configuration: { BucketArn: bucketArn } };

    await expect(idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: essentials, LogConfigurations: [entry] }))).rejects.toMatchObject({
      name: 'FeatureUnavailableInTierException',
    });
    await expect(idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: await createPool(), LogConfigurations: [entry, entry] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
