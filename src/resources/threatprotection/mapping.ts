/**
 * Risk configuration sections ↔ SetRiskConfiguration / DescribeRiskConfiguration. Pure
 * functions, no I/O; shared by UserPool (the pool's configuration) and AppClient (one client's).
 *
 * - A section the spec names is complete: it is compared, and sent, as the spec has it.
 * - SetRiskConfiguration replaces the whole configuration, so the request is what AWS has with
 *   the spec's sections on top and the released ones (named before, no longer) left out; a
 *   section the spec never named keeps its AWS value. A request with no section at all deletes
 *   the configuration (for a client: it falls back to the pool's).
 * - Comparisons are normalized: sets in any order, AWS's defaults (every event when EventFilter
 *   is left out, empty IP lists) equal to leaving them out.
 */
import type {
  AccountTakeoverActionType,
  AccountTakeoverRiskConfigurationType,
  CompromisedCredentialsRiskConfigurationType,
  NotifyEmailType,
  RiskConfigurationType,
  RiskExceptionConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import type { RiskSpec } from './schema';

export const RiskSection = ['compromisedCredentials', 'accountTakeover', 'riskExceptions'] as const;
export type RiskSectionName = (typeof RiskSection)[number];

/** The three sections as SetRiskConfiguration takes them. */
export interface RiskSections {
  CompromisedCredentialsRiskConfiguration?: CompromisedCredentialsRiskConfigurationType;
  AccountTakeoverRiskConfiguration?: AccountTakeoverRiskConfigurationType;
  RiskExceptionConfiguration?: RiskExceptionConfigurationType;
}

const AwsField: { readonly [s in RiskSectionName]: keyof RiskSections } = {
  compromisedCredentials: 'CompromisedCredentialsRiskConfiguration',
  accountTakeover: 'AccountTakeoverRiskConfiguration',
  riskExceptions: 'RiskExceptionConfiguration',
};

/** Every event, which is what AWS checks when EventFilter is left out. */
const AllEvents = ['PASSWORD_CHANGE', 'SIGN_IN', 'SIGN_UP'];

/** The object without its undefined values. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

type Takeover = NonNullable<RiskSpec['accountTakeover']>;
type Email = NonNullable<NonNullable<Takeover['notifyConfiguration']>['blockEmail']>;
type Action = NonNullable<Takeover['actions']['lowAction']>;

function email(e: Email | undefined): NotifyEmailType | undefined {
  return e && compact({ Subject: e.subject, HtmlBody: e.htmlBody, TextBody: e.textBody });
}

function action(a: Action | undefined): AccountTakeoverActionType | undefined {
  return a && { Notify: a.notify, EventAction: a.eventAction };
}

/** One section of the spec as AWS takes it; undefined when the spec does not name it. */
function toAws(spec: RiskSpec, section: RiskSectionName): RiskSections[keyof RiskSections] {
  switch (section) {
    case 'compromisedCredentials': {
      const c = spec.compromisedCredentials;
      return c && compact({ EventFilter: c.events ? [...c.events] : undefined, Actions: { EventAction: c.action } });
    }
    case 'accountTakeover': {
      const t = spec.accountTakeover;
      if (!t) return undefined;
      const n = t.notifyConfiguration;
      return compact({
        NotifyConfiguration: n
          ? compact({ SourceArn: n.sourceArn, From: n.from, ReplyTo: n.replyTo, BlockEmail: email(n.blockEmail), MfaEmail: email(n.mfaEmail), NoActionEmail: email(n.noActionEmail) })
          : undefined,
        Actions: compact({ LowAction: action(t.actions.lowAction), MediumAction: action(t.actions.mediumAction), HighAction: action(t.actions.highAction) }),
      });
    }
    case 'riskExceptions': {
      const r = spec.riskExceptions;
      return r && compact({ BlockedIPRangeList: r.blockedIpRanges ? [...r.blockedIpRanges] : undefined, SkippedIPRangeList: r.skippedIpRanges ? [...r.skippedIpRanges] : undefined });
    }
    default: {
      const unknown: never = section;
      return unknown;
    }
  }
}

/** A section in a form where equal settings are equal text: sets sorted, defaults filled in, empty values dropped. */
function normalized(section: RiskSectionName, value: RiskSections[keyof RiskSections] | undefined): string {
  if (value === undefined) return '';
  const sorted = (list: readonly string[] | undefined) => [...new Set(list ?? [])].sort();
  switch (section) {
    case 'compromisedCredentials': {
      const c = value as CompromisedCredentialsRiskConfigurationType;
      return JSON.stringify({ events: c.EventFilter && c.EventFilter.length > 0 ? sorted(c.EventFilter) : AllEvents, action: c.Actions?.EventAction });
    }
    case 'accountTakeover': {
      const t = value as AccountTakeoverRiskConfigurationType;
      const n = t.NotifyConfiguration;
      const mail = (e: NotifyEmailType | undefined) => e && [e.Subject, e.HtmlBody ?? '', e.TextBody ?? ''];
      const act = (a: AccountTakeoverActionType | undefined) => a && [a.Notify, a.EventAction];
      return JSON.stringify({
        notify: n && [n.SourceArn, n.From ?? '', n.ReplyTo ?? '', mail(n.BlockEmail), mail(n.MfaEmail), mail(n.NoActionEmail)],
        actions: [act(t.Actions?.LowAction), act(t.Actions?.MediumAction), act(t.Actions?.HighAction)],
      });
    }
    case 'riskExceptions': {
      const r = value as RiskExceptionConfigurationType;
      return JSON.stringify({ blocked: sorted(r.BlockedIPRangeList), skipped: sorted(r.SkippedIPRangeList) });
    }
    default: {
      const unknown: never = section;
      return unknown;
    }
  }
}

/** The paths of the sections a spec names, under `prefix` (`security.threatProtection`). */
export function riskOwnedPaths(spec: RiskSpec | undefined, prefix: string): string[] {
  return RiskSection.filter((s) => spec?.[s] !== undefined).map((s) => `${prefix}.${s}`);
}

/** Whether the risk configuration must be read at all: the spec names a section, or released one. */
export function riskConfigurationDecided(spec: RiskSpec | undefined, prefix: string, released: readonly string[] | undefined): boolean {
  return RiskSection.some((s) => spec?.[s] !== undefined || includesPath(released, `${prefix}.${s}`));
}

/**
 * Spec paths where AWS differs: sections the spec names that AWS has otherwise, and released
 * sections AWS still has. `current` is the configuration of this pool or client (undefined: none).
 */
export function riskDiff(spec: RiskSpec | undefined, current: RiskSections | undefined, prefix: string, released: readonly string[] | undefined): string[] {
  return RiskSection.filter((s) => {
    const have = current?.[AwsField[s]];
    if (spec?.[s] !== undefined) return normalized(s, toAws(spec, s)) !== normalized(s, have);
    return includesPath(released, `${prefix}.${s}`) && have !== undefined;
  }).map((s) => `${prefix}.${s}`);
}

/** The sections SetRiskConfiguration gets: AWS's, without the released ones, with the spec's on top. */
export function riskRequestSections(spec: RiskSpec | undefined, current: RiskSections | undefined, prefix: string, released: readonly string[] | undefined): RiskSections {
  const out: RiskSections = {};
  for (const s of RiskSection) {
    const field = AwsField[s];
    const wanted = spec ? toAws(spec, s) : undefined;
    const kept = includesPath(released, `${prefix}.${s}`) ? undefined : current?.[field];
    const value = wanted ?? kept;
    // Each field takes the type toAws builds for it.
    if (value !== undefined) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}

/** The sections of a DescribeRiskConfiguration answer. */
export function sectionsOf(config: RiskConfigurationType | undefined): RiskSections | undefined {
  if (!config) return undefined;
  return compact({
    CompromisedCredentialsRiskConfiguration: config.CompromisedCredentialsRiskConfiguration,
    AccountTakeoverRiskConfiguration: config.AccountTakeoverRiskConfiguration,
    RiskExceptionConfiguration: config.RiskExceptionConfiguration,
  });
}

/**
 * A client's own configuration from DescribeRiskConfiguration with its ClientId: AWS answers
 * the pool's (another ClientId, such as ALL) for a client without one.
 */
export function clientSectionsOf(config: RiskConfigurationType | undefined, clientId: string): RiskSections | undefined {
  return config?.ClientId === clientId ? sectionsOf(config) : undefined;
}

// ------------------------------------------------------------------------ AWS → spec (export)

function emailSpec(e: NotifyEmailType | undefined): Email | undefined {
  return e?.Subject === undefined ? undefined : compact({ subject: e.Subject, htmlBody: e.HtmlBody, textBody: e.TextBody });
}

function actionSpec(a: AccountTakeoverActionType | undefined): Action | undefined {
  return a?.EventAction === undefined ? undefined : { notify: a.Notify === true, eventAction: a.EventAction };
}

function takeoverSpec(t: AccountTakeoverRiskConfigurationType | undefined): Takeover | undefined {
  const actions = compact({ lowAction: actionSpec(t?.Actions?.LowAction), mediumAction: actionSpec(t?.Actions?.MediumAction), highAction: actionSpec(t?.Actions?.HighAction) });
  // The spec needs at least one action: a section without any names nothing AWS acts on.
  if (Object.keys(actions).length === 0) return undefined;
  const n = t?.NotifyConfiguration;
  const notifyConfiguration = n?.SourceArn
    ? compact({ sourceArn: n.SourceArn, from: n.From, replyTo: n.ReplyTo, blockEmail: emailSpec(n.BlockEmail), mfaEmail: emailSpec(n.MfaEmail), noActionEmail: emailSpec(n.NoActionEmail) })
    : undefined;
  return compact({ notifyConfiguration, actions });
}

/**
 * The spec sections that describe AWS's configuration (the inverse of toAws): riskDiff of the
 * result against the same configuration is empty. AWS's defaults (every event, empty IP lists)
 * are left out; undefined when no section is set.
 */
export function riskSpecOf(sections: RiskSections | undefined): RiskSpec | undefined {
  const c = sections?.CompromisedCredentialsRiskConfiguration;
  const events = [...new Set(c?.EventFilter ?? [])].sort();
  const r = sections?.RiskExceptionConfiguration;
  const ranges = (list: readonly string[] | undefined) => (list && list.length > 0 ? [...list].sort() : undefined);
  const riskExceptions = compact({ blockedIpRanges: ranges(r?.BlockedIPRangeList), skippedIpRanges: ranges(r?.SkippedIPRangeList) });
  const spec: RiskSpec = compact({
    compromisedCredentials:
      c?.Actions?.EventAction === undefined
        ? undefined
        : compact({ events: events.length > 0 && JSON.stringify(events) !== JSON.stringify(AllEvents) ? events : undefined, action: c.Actions.EventAction }),
    accountTakeover: takeoverSpec(sections?.AccountTakeoverRiskConfiguration),
    riskExceptions: Object.keys(riskExceptions).length > 0 ? riskExceptions : undefined,
  });
  return Object.keys(spec).length > 0 ? spec : undefined;
}
