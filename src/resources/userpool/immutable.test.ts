import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import type { ImmutableMismatch } from '../../reconciler/external';
import { immutableMismatches } from '../../reconciler/external';
import { userPoolImmutableFields } from './immutable';
import type { UserPoolSpec } from './schema';

const spec = (named: Partial<UserPoolSpec>): UserPoolSpec => ({ deletionPolicy: 'Retain', deletionProtection: true, ...named });

const pool: UserPoolType = {
  Id: 'eu-west-1_AbCdEf123',
  UsernameAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  SchemaAttributes: [
    { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
    { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true },
  ],
};

describe('userPoolImmutableFields', () => {
  const cases: Case<[UserPoolSpec, UserPoolType], ImmutableMismatch[]>[] = [
    {
      name: 'matching pool',
      reason: 'signIn and the attributes the pool has match: nothing stalls',
      args: [
        spec({
          signIn: { usernameAttributes: ['email'], caseSensitive: false },
          signUp: { attributes: [{ name: 'email', required: true }, { name: 'tier', custom: true, type: 'String', mutable: true }] },
        }),
        pool,
      ],
      want: [],
    },
    {
      name: 'no signIn in the spec',
      reason: 'a setting the spec does not name is not compared',
      args: [spec({}), pool],
      want: [],
    },
    {
      name: 'aliases instead of username attributes',
      reason: 'both lists differ; a list left out of a named signIn means none',
      args: [spec({ signIn: { aliasAttributes: ['email'] } }), pool],
      want: [
        { path: 'signIn.usernameAttributes', want: [], have: ['email'] },
        { path: 'signIn.aliasAttributes', want: ['email'], have: [] },
      ],
    },
    {
      name: 'case sensitivity',
      reason: 'a pool created without UsernameConfiguration is case sensitive',
      args: [spec({ signIn: { caseSensitive: false } }), { Id: 'p' }],
      want: [{ path: 'signIn.caseSensitive', want: false, have: true }],
    },
    {
      name: 'existing attribute of another type and mutability',
      reason: 'AddCustomAttributes cannot change an attribute the pool has',
      args: [spec({ signUp: { attributes: [{ name: 'tier', custom: true, type: 'Number', mutable: false }] } }), pool],
      want: [
        { path: 'signUp.attributes.tier.type', want: 'Number', have: 'String' },
        { path: 'signUp.attributes.tier.mutable', want: false, have: true },
      ],
    },
    {
      name: 'attribute still to be added',
      reason: 'an attribute the pool lacks is added, not a mismatch',
      args: [spec({ signUp: { attributes: [{ name: 'plan', custom: true, type: 'Number' }] } }), pool],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args: [s, p], want }) => {
    expect(immutableMismatches(userPoolImmutableFields(s), s, p)).toEqual(want);
  });
});
