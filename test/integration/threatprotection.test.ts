/**
 * Threat protection's risk configuration (UserPool security.threatProtection, AppClient
 * threatProtection) and UserPool logging end to end: the operator process against the real API
 * server and the emulator (test/env/moto/risk.py, log_delivery.py).
 *
 * Two operators run one after another: resync 10 min for set, change, removal, adoption, the
 * client override and AWS's rejections (anything within seconds is a watch, never a resync);
 * then resync 3 s for no-op resyncs, which must write nothing, and drift correction.
 */
import {
  CreateUserPoolCommand,
  DescribeRiskConfigurationCommand,
  GetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { LogConfigurationType, RiskConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForReady, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const run = ns.name.slice(-6);
const aws = cognito();
const shortResyncSeconds = 3;
const region = process.env.AWS_REGION ?? 'eu-west-1';
const account = '123456789012';
let operator: OperatorProcess | undefined;
let poolId = '';

const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:/cognito/it-shop`;
const bucketArn = 'arn:aws:s3:::it-shop-cognito-logs';
const sesArn = `arn:aws:ses:${region}:${account}:identity/shop.example.com`;

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

function applyKind(kind: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind, metadata: { name, annotations }, spec }));
}

/** The pool's spec with these threat protection sections and logging list (undefined: not named). */
function applyPool(threat: Record<string, unknown>, logging?: Record<string, unknown>[]): void {
  applyKind('UserPool', 'shop', {
    poolName: `it-tp-shop-${run}`,
    deletionPolicy: 'Delete',
    deletionProtection: false,
    tier: 'PLUS',
    security: { threatProtection: { mode: 'AUDIT', ...threat } },
    ...(logging ? { logging } : {}),
  });
}

const waitForGeneration = (kind: string, name: string) => waitForReadyGeneration(ns.name, kind, name);

async function risk(clientId?: string): Promise<RiskConfigurationType | undefined> {
  return (await aws.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).RiskConfiguration;
}

async function logging(userPoolId = poolId): Promise<LogConfigurationType[] | undefined> {
  return (await aws.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: userPoolId }))).LogDeliveryConfiguration?.LogConfigurations;
}

const applied = (kind: string, name: string) => JSON.parse(getObject(ns.name, kind, name)?.metadata.annotations?.['cognito.operator.dev/applied'] ?? '[]') as string[];

const blockSignIn = { events: ['SIGN_IN'], action: 'BLOCK' };
const officeRanges = { blockedIpRanges: ['192.0.2.0/24'], skippedIpRanges: ['10.0.0.0/8'] };
const errorsToCloudWatch = { eventSource: 'userNotification', level: 'ERROR', cloudWatchLogsGroupArn: logGroupArn };
const activityToS3 = { eventSource: 'userAuthEvents', level: 'INFO', s3BucketArn: bucketArn };
const consoleTakeover = {
  NotifyConfiguration: { SourceArn: sesArn, BlockEmail: { Subject: 'Sign-in blocked', TextBody: 'We blocked a sign-in to your account.' } },
  Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const } },
};

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: '10m' });
});

afterAll(async () => {
  operator ??= await startOperator({ namespace: ns.name, resyncInterval: '10m' });
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ------------------------------------------------------------- 1. operator, resync 10 min

describe('UserPool risk configuration and logging', () => {
  it('applies the named risk sections and the logging list once the pool exists, and records them', async () => {
    const before = await running().awsCalls();
    applyPool({ compromisedCredentials: blockSignIn, riskExceptions: officeRanges }, [errorsToCloudWatch]);
    const obj = await waitForGeneration('userpool', 'shop');
    poolId = String(obj.status?.id);
    const calls = callsBetween(before, await running().awsCalls());
    console.log(`UserPool create with risk configuration and logging: AWS calls ${JSON.stringify(Object.fromEntries(calls))}`);
    expect(calls.get('SetRiskConfiguration')).toBe(1);
    expect(calls.get('SetLogDeliveryConfiguration')).toBe(1);

    expect(await risk()).toMatchObject({
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: ['10.0.0.0/8'] },
    });
    expect(await logging()).toEqual([{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn } }]);
    expect(applied('userpool', 'shop')).toEqual(['logging', 'security.threatProtection.compromisedCredentials', 'security.threatProtection.riskExceptions']);
  });

  it('keeps a section set in the console that the spec never named while it changes another, with one SetRiskConfiguration', async () => {
    const now = await risk();
    await aws.send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        CompromisedCredentialsRiskConfiguration: now?.CompromisedCredentialsRiskConfiguration,
        RiskExceptionConfiguration: now?.RiskExceptionConfiguration,
        AccountTakeoverRiskConfiguration: consoleTakeover,
      }),
    );
    const before = await running().awsCalls();
    applyPool({ compromisedCredentials: blockSignIn, riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] } }, [errorsToCloudWatch]);
    await waitForGeneration('userpool', 'shop');

    expect(callsBetween(before, await running().awsCalls()).get('SetRiskConfiguration')).toBe(1);
    const after = await risk();
    expect(after?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['198.51.100.0/24'] });
    expect(after?.AccountTakeoverRiskConfiguration).toEqual(consoleTakeover);
    expect(after?.CompromisedCredentialsRiskConfiguration).toEqual({ EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } });
    const event = await waitForEvent(ns.name, 'shop', 'Updated');
    expect(event.message).toContain('security.threatProtection.riskExceptions');
  });

  it('removes a section the spec no longer names, keeping the console one, and names it in the Event', async () => {
    applyPool({ riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] } }, [errorsToCloudWatch]);
    await waitForGeneration('userpool', 'shop');

    const after = await risk();
    expect(after?.CompromisedCredentialsRiskConfiguration).toBeUndefined();
    expect(after?.AccountTakeoverRiskConfiguration).toEqual(consoleTakeover);
    expect(after?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['198.51.100.0/24'] });
    const event = await waitFor('an Event naming the removed section', () =>
      eventsFor(ns.name, 'shop').find((e) => e.reason === 'Updated' && e.message.includes('removed security.threatProtection.compromisedCredentials')),
    );
    console.log(`removal Event: ${event.message}`);
    expect(applied('userpool', 'shop')).toEqual(['logging', 'security.threatProtection.riskExceptions']);
  });

  it('sets account takeover actions with their notification email', async () => {
    const takeover = {
      notifyConfiguration: { sourceArn: sesArn, from: 'security@shop.example.com', mfaEmail: { subject: 'Confirm your sign-in', textBody: 'Enter the code we sent you.' } },
      actions: { mediumAction: { notify: true, eventAction: 'MFA_IF_CONFIGURED' }, highAction: { notify: false, eventAction: 'BLOCK' } },
    };
    applyPool({ riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] }, accountTakeover: takeover }, [errorsToCloudWatch]);
    await waitForGeneration('userpool', 'shop');

    expect((await risk())?.AccountTakeoverRiskConfiguration).toEqual({
      NotifyConfiguration: { SourceArn: sesArn, From: 'security@shop.example.com', MfaEmail: { Subject: 'Confirm your sign-in', TextBody: 'Enter the code we sent you.' } },
      Actions: { MediumAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' }, HighAction: { Notify: false, EventAction: 'BLOCK' } },
    });
  });

  it('changes the logging list, and empties it when the spec drops it', async () => {
    const threat = { riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] } };
    applyPool(threat, [errorsToCloudWatch, activityToS3]);
    await waitForGeneration('userpool', 'shop');
    expect(await logging()).toHaveLength(2);

    applyPool(threat, [activityToS3]);
    await waitForGeneration('userpool', 'shop');
    expect(await logging()).toEqual([{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: bucketArn } }]);

    applyPool(threat);
    await waitForGeneration('userpool', 'shop');
    expect(await logging()).toEqual([]);
    expect(applied('userpool', 'shop')).not.toContain('logging');
  });

  it('stalls with AWS’s message when AWS refuses a setting (userAuthEvents logs outside the Plus plan), and recovers once the spec drops it', async () => {
    applyKind('UserPool', 'plain', { poolName: `it-tp-plain-${run}`, deletionPolicy: 'Delete', deletionProtection: false, tier: 'ESSENTIALS', logging: [activityToS3] });
    const obj = await waitForCondition(ns.name, 'userpool', 'plain', 'Stalled', 'True', 'InvalidSpec');
    const message = condition(obj, 'Synced')?.message ?? condition(obj, 'Ready')?.message ?? '';
    console.log(`AWS rejection: ${message}`);
    expect(message).toContain('requires the Plus feature plan');

    applyKind('UserPool', 'plain', { poolName: `it-tp-plain-${run}`, deletionPolicy: 'Delete', deletionProtection: false, tier: 'ESSENTIALS' });
    const ready = await waitForGeneration('userpool', 'plain');
    expect(await logging(String(ready.status?.id))).toEqual([]);
  });
});

describe('adoption', () => {
  it('adopts a pool with a risk configuration, owning only the sections its spec names', async () => {
    const created = await aws.send(new CreateUserPoolCommand({ PoolName: `it-tp-legacy-${run}`, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }));
    const legacyId = String(created.UserPool?.Id);
    await aws.send(
      new SetRiskConfigurationCommand({ UserPoolId: legacyId, AccountTakeoverRiskConfiguration: consoleTakeover, RiskExceptionConfiguration: { BlockedIPRangeList: ['203.0.113.0/24'] } }),
    );
    applyKind(
      'UserPool',
      'legacy',
      { poolName: `it-tp-legacy-${run}`, deletionPolicy: 'Delete', deletionProtection: false, tier: 'PLUS', security: { threatProtection: { mode: 'ENFORCED', riskExceptions: officeRanges } } },
      { 'cognito.operator.dev/external-id': legacyId },
    );
    const obj = await waitForGeneration('userpool', 'legacy');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');

    const after = (await aws.send(new DescribeRiskConfigurationCommand({ UserPoolId: legacyId }))).RiskConfiguration;
    expect(after?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: ['10.0.0.0/8'] });
    expect(after?.AccountTakeoverRiskConfiguration).toEqual(consoleTakeover);
    expect(applied('userpool', 'legacy')).toEqual(['security.threatProtection.riskExceptions']);
  });
});

describe('AppClient threatProtection override', () => {
  let clientId = '';

  it("sets the client's own configuration, apart from the pool's", async () => {
    applyKind('AppClient', 'web', { userPoolRef: { name: 'shop' }, generateSecret: false, threatProtection: { compromisedCredentials: { action: 'NO_ACTION' } } });
    const obj = await waitForGeneration('appclient', 'web');
    clientId = String(obj.status?.clientId);

    expect(await risk(clientId)).toMatchObject({ ClientId: clientId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } } });
    expect((await risk(clientId))?.RiskExceptionConfiguration).toBeUndefined();
    expect((await risk())?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['198.51.100.0/24'] });
    expect(applied('appclient', 'web')).toEqual(['threatProtection.compromisedCredentials']);
  });

  it('removes the override when the spec drops it: the client falls back to the pool’s', async () => {
    applyKind('AppClient', 'web', { userPoolRef: { name: 'shop' }, generateSecret: false });
    await waitForGeneration('appclient', 'web');

    expect(await risk(clientId)).toMatchObject({ ClientId: 'ALL', RiskExceptionConfiguration: { BlockedIPRangeList: ['198.51.100.0/24'] } });
  });

  it('stalls with AWS’s message on a pool without threat protection', async () => {
    applyKind('AppClient', 'plain-web', { userPoolRef: { name: 'plain' }, generateSecret: false, threatProtection: { riskExceptions: { skippedIpRanges: ['10.0.0.0/8'] } } });
    const obj = await waitForCondition(ns.name, 'appclient', 'plain-web', 'Stalled', 'True', 'InvalidSpec');
    const message = condition(obj, 'Ready')?.message ?? '';
    console.log(`AWS rejection of a client override: ${message}`);
    expect(message).toContain('Threat protection (advanced security features) is not enabled');
    applyKind('AppClient', 'plain-web', { userPoolRef: { name: 'plain' }, generateSecret: false });
    await waitForGeneration('appclient', 'plain-web');
  });
});

// ------------------------------------------------------------- 2. operator, resync 3 s

describe('no-op resync', () => {
  it('makes no AWS write and reads risk configuration and log delivery only for what the specs decide', async () => {
    applyKind('AppClient', 'web', { userPoolRef: { name: 'shop' }, generateSecret: false, threatProtection: { riskExceptions: { skippedIpRanges: ['10.0.0.0/8'] } } });
    applyPool({ riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] } }, [errorsToCloudWatch]);
    await waitForGeneration('userpool', 'shop');
    await waitForGeneration('appclient', 'web');
    await running().stop();
    operator = await startOperator({ namespace: ns.name, resyncInterval: `${shortResyncSeconds}s` });
    await waitForReady(ns.name, 'userpool', 'shop');

    const before = await running().awsCalls();
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'userpools', readOperation: 'DescribeUserPool', noun: 'pool', resyncSeconds: shortResyncSeconds });
    const during = callsBetween(before, await running().awsCalls());
    // Two pools, one of which (plain) names neither: it reads neither. The shop pool and the web client read theirs.
    const describes = during.get('DescribeUserPool') ?? 0;
    const gets = during.get('GetLogDeliveryConfiguration') ?? 0;
    const risks = during.get('DescribeRiskConfiguration') ?? 0;
    console.log(`no-op resync: DescribeUserPool ${describes}, GetLogDeliveryConfiguration ${gets}, DescribeRiskConfiguration ${risks}`);
    expect(writeCalls(during)).toBe(0);
    expect(gets).toBeLessThanOrEqual(describes / 2 + 2);
    expect(gets).toBeGreaterThan(0);
    expect(risks).toBeGreaterThan(0);
  });

  it('corrects a risk section changed in the console at the next resync', async () => {
    const now = await risk();
    await aws.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, AccountTakeoverRiskConfiguration: now?.AccountTakeoverRiskConfiguration, RiskExceptionConfiguration: { BlockedIPRangeList: ['0.0.0.0/0'] } }));

    const event = await waitForEvent(ns.name, 'shop', 'DriftCorrected');
    expect(event.message).toContain('security.threatProtection.riskExceptions');
    expect((await risk())?.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['198.51.100.0/24'] });
  });
});
