import type { LogConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { logDeliveryRequest, loggingDecided, loggingDiff, loggingOwnedPaths } from './logging';
import type { UserPoolSpec } from './schema';

const base: UserPoolSpec = { deletionPolicy: 'Retain', deletionProtection: true };
const logGroup = 'arn:aws:logs:eu-west-1:123456789012:log-group:/cognito/shop';
const bucket = 'arn:aws:s3:::shop-logs';
const errors: LogConfigurationType = { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: logGroup } };
const activity: LogConfigurationType = { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: bucket } };
const errorsEntry = { eventSource: 'userNotification', level: 'ERROR', cloudWatchLogsGroupArn: logGroup } as const;
const both: UserPoolSpec = { ...base, logging: [{ eventSource: 'userAuthEvents', level: 'INFO', s3BucketArn: bucket }, errorsEntry] };

describe('loggingDiff', () => {
  it.each<{ name: string; reason: string; args: [UserPoolSpec, LogConfigurationType[] | undefined, string[]]; want: string[] }>([
    { name: 'same entries', reason: 'order does not matter', args: [both, [errors, activity], []], want: [] },
    { name: 'never named', reason: 'AWS keeps its log delivery', args: [base, [errors], []], want: [] },
    { name: 'an entry gone', reason: 'the list is complete', args: [{ ...base, logging: [errorsEntry] }, [errors, activity], []], want: ['logging.userAuthEvents'] },
    { name: 'a new destination', reason: 'compared per event source', args: [{ ...base, logging: [{ eventSource: 'userAuthEvents', level: 'INFO', firehoseStreamArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/s' }] }, [activity], []], want: ['logging.userAuthEvents'] },
    { name: 'released with entries', reason: 'log delivery goes off', args: [base, [errors], ['logging']], want: ['logging'] },
    { name: 'released and empty', reason: 'nothing to do', args: [base, [], ['logging']], want: [] },
    { name: 'an empty list named', reason: 'means no log delivery', args: [{ ...base, logging: [] }, [errors], []], want: ['logging.userNotification'] },
  ])('$name: $reason', ({ args, want }) => {
    expect(loggingDiff(...args)).toEqual(want);
  });
});

describe('logDeliveryRequest', () => {
  it('sends the whole list when anything differs, nothing when it matches', () => {
    expect(logDeliveryRequest(both, [errors], 'eu-west-1_A', [])).toEqual({ UserPoolId: 'eu-west-1_A', LogConfigurations: [activity, errors] });
    expect(logDeliveryRequest(both, [activity, errors], 'eu-west-1_A', [])).toBeUndefined();
    expect(logDeliveryRequest(base, [errors], 'eu-west-1_A', ['logging'])).toEqual({ UserPoolId: 'eu-west-1_A', LogConfigurations: [] });
  });

  it('owns and reads logging only when the spec names a list or released one', () => {
    expect(loggingOwnedPaths({ ...base, logging: [] })).toEqual(['logging']);
    expect(loggingOwnedPaths(base)).toEqual([]);
    expect(loggingDecided(base, [])).toBe(false);
    expect(loggingDecided(base, ['logging'])).toBe(true);
  });
});
