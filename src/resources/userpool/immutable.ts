/**
 * What Cognito fixes when a user pool is created: how users sign in, and the type and
 * mutability of each attribute the pool already has. An adopted pool that differs stalls with
 * ImmutableMismatch (nothing can apply the change, and the operator never replaces a pool).
 */
import type { SchemaAttributeType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { ImmutableField } from '../../reconciler/external';
import type { UserPoolSpec } from './schema';

type Attribute = NonNullable<NonNullable<UserPoolSpec['signUp']>['attributes']>[number];

const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();

/** AWS reports a custom attribute as custom:<name> (dev:custom:<name> when developer-only). */
function awsAttribute(pool: UserPoolType, a: Attribute): SchemaAttributeType | undefined {
  const names = a.custom ? [`custom:${a.name}`, `dev:custom:${a.name}`, `dev:${a.name}`] : [a.name];
  return pool.SchemaAttributes?.find((s) => s.Name !== undefined && names.includes(s.Name));
}

/** signIn as a whole is named or not: within it, a list left out means none. */
const signInFields: readonly ImmutableField<UserPoolSpec, UserPoolType>[] = [
  {
    path: 'signIn.usernameAttributes',
    want: (s) => (s.signIn ? sorted(s.signIn.usernameAttributes) : undefined),
    have: (p) => sorted(p.UsernameAttributes),
  },
  {
    path: 'signIn.aliasAttributes',
    want: (s) => (s.signIn ? sorted(s.signIn.aliasAttributes) : undefined),
    have: (p) => sorted(p.AliasAttributes),
  },
  {
    path: 'signIn.caseSensitive',
    want: (s) => s.signIn?.caseSensitive,
    // A pool created without UsernameConfiguration is case sensitive.
    have: (p) => p.UsernameConfiguration?.CaseSensitive ?? true,
  },
];

/** Per attribute the spec names and the pool has: its type, mutability, required and developer-only flags. */
function attributeFields(a: Attribute): ImmutableField<UserPoolSpec, UserPoolType>[] {
  const path = `signUp.attributes.${a.name}`;
  const existing = (p: UserPoolType) => awsAttribute(p, a);
  return [
    // A custom attribute without a type is created as a String; a standard one has its own type.
    { path: `${path}.type`, want: () => a.type ?? (a.custom ? 'String' : undefined), have: (p) => existing(p)?.AttributeDataType },
    { path: `${path}.mutable`, want: () => a.mutable, have: (p) => (existing(p) ? (existing(p)?.Mutable ?? true) : undefined) },
    { path: `${path}.required`, want: () => a.required, have: (p) => (existing(p) ? (existing(p)?.Required ?? false) : undefined) },
    {
      path: `${path}.developerOnly`,
      want: () => a.developerOnly,
      have: (p) => (existing(p) ? (existing(p)?.DeveloperOnlyAttribute ?? false) || (existing(p)?.Name ?? '').startsWith('dev:') : undefined),
    },
  ];
}

/** The immutable settings of this spec, for `immutableMismatches`. */
export function userPoolImmutableFields(spec: UserPoolSpec): ImmutableField<UserPoolSpec, UserPoolType>[] {
  return [...signInFields, ...(spec.signUp?.attributes ?? []).flatMap(attributeFields)];
}
