/**
 * The risk configuration sections of threat protection (SetRiskConfiguration), shared by a
 * UserPool's `security.threatProtection` (every app client) and an AppClient's
 * `threatProtection` (that client only, instead of the pool's).
 */
import type { Infer } from '../../api/schema';
import { array, boolean, object, oneOf, string } from '../../api/schema';

const sesIdentityArnPattern = '^arn:[\\w+=/,.@-]+:ses:[a-z0-9-]+:[0-9]{12}:identity/[\\w+=,.@/-]+$';
/** IPv6 CIDRs are at most 43 characters (8 groups of 4, 7 colons, /128). */
const cidrMaxLength = 43;
const maxIpRanges = 200;

const notifyEmail = (when: string) =>
  object(
    {
      subject: string('Subject (1-140 characters).', { minLength: 1, maxLength: 140 }).required(),
      htmlBody: string('HTML body (6-20000 characters).', { minLength: 6, maxLength: 20000 }),
      textBody: string('Plain-text body (6-20000 characters).', { minLength: 6, maxLength: 20000 }),
    },
    `The email sent ${when}.`,
  );

const takeoverAction = (level: string) =>
  object(
    {
      notify: boolean('Email the user (needs notifyConfiguration).').required(),
      eventAction: oneOf(['BLOCK', 'MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'NO_ACTION'] as const, 'What Cognito does with the sign-in.').required(),
    },
    `What happens at ${level} risk.`,
  );

export const compromisedCredentials = object(
  {
    events: array(oneOf(['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'] as const, 'An event.'), 'Events checked against known leaked credentials; all three when left out.', {
      minItems: 1,
      maxItems: 3,
      'x-kubernetes-list-type': 'set',
    }),
    action: oneOf(['BLOCK', 'NO_ACTION'] as const, 'BLOCK the event or log it only (NO_ACTION).').required(),
  },
  'Compromised credentials detection. Named here it is complete; removed from the spec, it is removed from AWS.',
);

export const accountTakeover = object(
  {
    notifyConfiguration: object(
      {
        sourceArn: string('ARN of the verified Amazon SES identity the emails are sent from.', { pattern: sesIdentityArnPattern, maxLength: 2048 }).required(),
        from: string('From address.', { maxLength: 256 }),
        replyTo: string('Reply-to address.', { maxLength: 256 }),
        blockEmail: notifyEmail('when a sign-in is blocked'),
        mfaEmail: notifyEmail('when a sign-in needs MFA'),
        noActionEmail: notifyEmail('when a risky sign-in is let through'),
      },
      'How users are told about risky sign-ins.',
    ),
    actions: object(
      { lowAction: takeoverAction('low'), mediumAction: takeoverAction('medium'), highAction: takeoverAction('high') },
      'Actions per risk level: at least one.',
      { minProperties: 1 },
    ).required(),
  },
  'Adaptive authentication: actions on sign-ins Cognito rates risky. Named here it is complete; removed from the spec, it is removed from AWS.',
).rule(
  "!((has(self.actions.lowAction) && self.actions.lowAction.notify) || (has(self.actions.mediumAction) && self.actions.mediumAction.notify) || (has(self.actions.highAction) && self.actions.highAction.notify)) || has(self.notifyConfiguration)",
  'accountTakeover: an action with notify: true needs notifyConfiguration (the SES identity Cognito sends the email from)',
);

const ipRanges = (what: string) =>
  array(string('An IPv4 or IPv6 range in CIDR notation, such as 192.0.2.0/24.', { maxLength: cidrMaxLength }), what, {
    maxItems: maxIpRanges,
    'x-kubernetes-list-type': 'set',
  }).rule("self.all(r, r.contains('/') && isCIDR(r))", 'riskExceptions: each IP range must be in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/32');

export const riskExceptions = object(
  {
    blockedIpRanges: ipRanges('Sign-ins from these ranges are always blocked (at most 200).'),
    skippedIpRanges: ipRanges('Sign-ins from these ranges skip risk detection (at most 200).'),
  },
  'IP ranges exempt from, or always refused by, risk detection. Named here it is complete; removed from the spec, it is removed from AWS.',
);

/** The three sections, for the kinds to spread into their own objects. */
export const riskSections = { compromisedCredentials, accountTakeover, riskExceptions };

export interface RiskSpec {
  compromisedCredentials?: Infer<typeof compromisedCredentials>;
  accountTakeover?: Infer<typeof accountTakeover>;
  riskExceptions?: Infer<typeof riskExceptions>;
}
