import type { RiskSections } from './mapping';
import { clientSectionsOf, riskConfigurationDecided, riskDiff, riskOwnedPaths, riskRequestSections, riskSpecOf, sectionsOf } from './mapping';
import type { RiskSpec } from './schema';

const prefix = 'security.threatProtection';
const path = (s: string) => `${prefix}.${s}`;

const notifyConfiguration = { sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/shop.example.com', blockEmail: { subject: 'Blocked', textBody: 'We blocked a sign-in.' } };
const spec: RiskSpec = {
  compromisedCredentials: { events: ['SIGN_UP', 'SIGN_IN'], action: 'BLOCK' },
  accountTakeover: { notifyConfiguration, actions: { highAction: { notify: true, eventAction: 'BLOCK' } } },
  riskExceptions: { blockedIpRanges: ['192.0.2.0/24'] },
};

const inAws: RiskSections = {
  CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'SIGN_UP'], Actions: { EventAction: 'BLOCK' } },
  AccountTakeoverRiskConfiguration: {
    NotifyConfiguration: { SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/shop.example.com', BlockEmail: { Subject: 'Blocked', TextBody: 'We blocked a sign-in.' } },
    Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } },
  },
  RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: [] },
};

describe('riskDiff', () => {
  it.each<{ name: string; reason: string; args: [RiskSpec | undefined, RiskSections | undefined, string[]]; want: string[] }>([
    { name: 'matching sections', reason: 'sets in another order and an empty list AWS adds are no difference', args: [spec, inAws, []], want: [] },
    { name: 'nothing named', reason: 'a spec without risk sections never differs, whatever AWS has', args: [undefined, inAws, []], want: [] },
    { name: 'no configuration yet', reason: 'every named section is missing', args: [spec, {}, []], want: [path('compromisedCredentials'), path('accountTakeover'), path('riskExceptions')] },
    {
      name: 'events left out',
      reason: 'AWS checks every event when EventFilter is left out: all three equal none',
      args: [{ compromisedCredentials: { action: 'NO_ACTION' } }, { CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP', 'PASSWORD_CHANGE', 'SIGN_IN'], Actions: { EventAction: 'NO_ACTION' } } }, []],
      want: [],
    },
    {
      name: 'a changed action',
      reason: 'the section is compared as a whole',
      args: [{ accountTakeover: { notifyConfiguration, actions: { highAction: { notify: true, eventAction: 'MFA_REQUIRED' } } } }, inAws, []],
      want: [path('accountTakeover')],
    },
    {
      name: 'a released section AWS has',
      reason: 'named before, no longer: it must go',
      args: [{ riskExceptions: spec.riskExceptions }, inAws, [path('compromisedCredentials')]],
      want: [path('compromisedCredentials')],
    },
    { name: 'a released section AWS no longer has', reason: 'nothing to remove', args: [{}, { RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8'] } }, [path('accountTakeover')]], want: [] },
  ])('$name: $reason', ({ args, want }) => {
    expect(riskDiff(args[0], args[1], prefix, args[2])).toEqual(want);
  });
});

describe('riskRequestSections', () => {
  it('keeps what the spec never named, drops what it released, and puts the spec on top', () => {
    const current: RiskSections = {
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } },
      RiskExceptionConfiguration: { SkippedIPRangeList: ['10.0.0.0/8'] },
      AccountTakeoverRiskConfiguration: inAws.AccountTakeoverRiskConfiguration,
    };

    const got = riskRequestSections({ compromisedCredentials: { action: 'BLOCK' } }, current, prefix, [path('riskExceptions')]);

    expect(got).toEqual({
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: inAws.AccountTakeoverRiskConfiguration,
    });
  });

  it('is empty once every section is released: the configuration is deleted', () => {
    expect(riskRequestSections(undefined, inAws, prefix, RiskPaths)).toEqual({});
  });

  it('maps every field of the spec', () => {
    expect(riskRequestSections(spec, undefined, prefix, [])).toEqual({
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP', 'SIGN_IN'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: inAws.AccountTakeoverRiskConfiguration,
      RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] },
    });
  });
});

const RiskPaths = [path('compromisedCredentials'), path('accountTakeover'), path('riskExceptions')];

describe('ownership and reads', () => {
  it('owns the named sections', () => {
    expect(riskOwnedPaths({ riskExceptions: {} }, prefix)).toEqual([path('riskExceptions')]);
    expect(riskOwnedPaths(undefined, prefix)).toEqual([]);
  });

  it('reads only when the spec names or released a section', () => {
    expect(riskConfigurationDecided(undefined, prefix, [])).toBe(false);
    expect(riskConfigurationDecided(undefined, prefix, ['tags.env'])).toBe(false);
    expect(riskConfigurationDecided(undefined, prefix, [path('accountTakeover')])).toBe(true);
    expect(riskConfigurationDecided({ compromisedCredentials: { action: 'BLOCK' } }, prefix, [])).toBe(true);
  });

  it("takes a client's own configuration only, not the pool's AWS answers for a client without one", () => {
    const pool = { UserPoolId: 'eu-west-1_A', ClientId: 'ALL', ...inAws };
    expect(clientSectionsOf(pool, 'client1')).toBeUndefined();
    expect(clientSectionsOf({ ...pool, ClientId: 'client1' }, 'client1')).toEqual(inAws);
    expect(sectionsOf({ UserPoolId: 'eu-west-1_A' })).toEqual({});
  });
});

describe('riskSpecOf', () => {
  it('gives the spec sections of a configuration, equal to it by riskDiff, defaults left out', () => {
    const back = riskSpecOf(inAws);
    expect(back).toEqual({ ...spec, compromisedCredentials: { events: ['SIGN_IN', 'SIGN_UP'], action: 'BLOCK' } });
    expect(riskDiff(back, inAws, prefix, [])).toEqual([]);
  });

  it.each<{ name: string; given: RiskSections | undefined; want: RiskSpec | undefined }>([
    { name: 'no configuration', given: undefined, want: undefined },
    { name: 'empty IP lists only', given: { RiskExceptionConfiguration: { BlockedIPRangeList: [], SkippedIPRangeList: [] } }, want: undefined },
    { name: 'every event (AWS’s default)', given: { CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP', 'PASSWORD_CHANGE', 'SIGN_IN'], Actions: { EventAction: 'NO_ACTION' } } }, want: { compromisedCredentials: { action: 'NO_ACTION' } } },
    { name: 'account takeover without actions', given: { AccountTakeoverRiskConfiguration: { Actions: {} } }, want: undefined },
  ])('$name', ({ given, want }) => {
    expect(riskSpecOf(given)).toEqual(want);
    if (given) expect(riskDiff(riskSpecOf(given), given, prefix, [])).toEqual([]);
  });
});
