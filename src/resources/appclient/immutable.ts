/**
 * What Cognito fixes when an app client is created: whether it has a secret. An adopted client
 * that differs stalls with ImmutableMismatch (the operator never replaces a client).
 */
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { ImmutableField } from '../../reconciler/external';
import type { AppClientSpec } from './schema';

export const appClientImmutableFields: readonly ImmutableField<AppClientSpec, UserPoolClientType>[] = [
  // Only whether a secret exists is compared; its value never leaves the client module.
  { path: 'generateSecret', want: (s) => s.generateSecret, have: (c) => c.ClientSecret !== undefined && c.ClientSecret !== '' },
];
