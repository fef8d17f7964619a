/**
 * UserPool `logging` ↔ Set/GetLogDeliveryConfiguration. Pure functions, no I/O.
 *
 * The list the spec names is complete (the call replaces the pool's list): an entry gone from it
 * is removed. Ownership path `logging`: released (the spec named a list and names none now), the
 * pool's log delivery is emptied. A pool whose spec never named logging keeps AWS's, and is not
 * even read.
 */
import type { LogConfigurationType, SetLogDeliveryConfigurationCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import type { UserPoolSpec } from './schema';

export const LoggingPath = 'logging';

type Entry = NonNullable<UserPoolSpec['logging']>[number];

/** The owned path when the spec names a list (even an empty one). */
export function loggingOwnedPaths(spec: UserPoolSpec): string[] {
  return spec.logging ? [LoggingPath] : [];
}

/** Whether GetLogDeliveryConfiguration must be read: the spec names a list, or released one. */
export function loggingDecided(spec: UserPoolSpec, released: readonly string[] | undefined): boolean {
  return spec.logging !== undefined || includesPath(released, LoggingPath);
}

function toAws(e: Entry): LogConfigurationType {
  return {
    EventSource: e.eventSource,
    LogLevel: e.level,
    ...(e.cloudWatchLogsGroupArn ? { CloudWatchLogsConfiguration: { LogGroupArn: e.cloudWatchLogsGroupArn } } : {}),
    ...(e.s3BucketArn ? { S3Configuration: { BucketArn: e.s3BucketArn } } : {}),
    ...(e.firehoseStreamArn ? { FirehoseConfiguration: { StreamArn: e.firehoseStreamArn } } : {}),
  };
}

/** The list AWS should have; undefined when the spec does not decide it. */
function wanted(spec: UserPoolSpec, released: readonly string[] | undefined): LogConfigurationType[] | undefined {
  if (spec.logging) return spec.logging.map(toAws);
  return includesPath(released, LoggingPath) ? [] : undefined;
}

/** One entry as comparable text, by event source. */
function byEventSource(list: readonly LogConfigurationType[]): Map<string, string> {
  return new Map(
    list.map((c) => [
      c.EventSource ?? '',
      JSON.stringify([c.LogLevel, c.CloudWatchLogsConfiguration?.LogGroupArn ?? '', c.S3Configuration?.BucketArn ?? '', c.FirehoseConfiguration?.StreamArn ?? '']),
    ]),
  );
}

/** Spec paths where AWS differs: `logging.<eventSource>` per entry added, changed or removed; `logging` when released. */
export function loggingDiff(spec: UserPoolSpec, current: readonly LogConfigurationType[] | undefined, released: readonly string[] | undefined): string[] {
  const want = wanted(spec, released);
  if (!want) return [];
  const have = byEventSource(current ?? []);
  if (!spec.logging) return have.size > 0 ? [LoggingPath] : [];
  const wantBySource = byEventSource(want);
  const sources = [...new Set([...wantBySource.keys(), ...have.keys()])].sort();
  return sources.filter((s) => wantBySource.get(s) !== have.get(s)).map((s) => `${LoggingPath}.${s}`);
}

/** SetLogDeliveryConfiguration for the spec, or undefined when AWS already matches. */
export function logDeliveryRequest(
  spec: UserPoolSpec,
  current: readonly LogConfigurationType[] | undefined,
  userPoolId: string,
  released: readonly string[] | undefined,
): SetLogDeliveryConfigurationCommandInput | undefined {
  const want = wanted(spec, released);
  if (!want || loggingDiff(spec, current, released).length === 0) return undefined;
  return { UserPoolId: userPoolId, LogConfigurations: want };
}

/** The spec's list for AWS's (the inverse of toAws): loggingDiff of the result against the same list is empty. Undefined when AWS delivers no logs. */
export function loggingSpecOf(list: readonly LogConfigurationType[] | undefined): Entry[] | undefined {
  const entries = (list ?? []).flatMap((c): Entry[] => {
    if (!c.EventSource || !c.LogLevel) return [];
    const destination = {
      ...(c.CloudWatchLogsConfiguration?.LogGroupArn ? { cloudWatchLogsGroupArn: c.CloudWatchLogsConfiguration.LogGroupArn } : {}),
      ...(c.S3Configuration?.BucketArn ? { s3BucketArn: c.S3Configuration.BucketArn } : {}),
      ...(c.FirehoseConfiguration?.StreamArn ? { firehoseStreamArn: c.FirehoseConfiguration.StreamArn } : {}),
    };
    return [{ eventSource: c.EventSource, level: c.LogLevel, ...destination } as Entry];
  });
  return entries.length > 0 ? entries.sort((a, b) => a.eventSource.localeCompare(b.eventSource)) : undefined;
}
