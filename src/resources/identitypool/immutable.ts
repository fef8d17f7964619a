/**
 * What Cognito keeps for the life of an identity pool: its developer provider name, once set.
 * An adopted pool whose name differs stalls with ImmutableMismatch; one without a name gets the
 * spec's through UpdateIdentityPool (AWS allows setting it once).
 */
import type { IdentityPool } from '@aws-sdk/client-cognito-identity';
import type { ImmutableField } from '../../reconciler/external';
import type { IdentityPoolSpec } from './schema';

export const identityPoolImmutableFields: readonly ImmutableField<IdentityPoolSpec, IdentityPool>[] = [
  {
    path: 'developerProviderName',
    want: (s) => s.developerProviderName,
    // moto answers an unset name as "".
    have: (p) => (p.DeveloperProviderName === '' ? undefined : p.DeveloperProviderName),
  },
];
