/**
 * The AWS SDK's modules, each loaded when the operator first uses it rather than when it starts.
 * Together they take 8.5 MiB of resident memory (dist/operator.js loaded with the image's flags:
 * 63 → 54.5 MiB without them). An operator with nothing to manage yet holds none of it, and one
 * that manages no identity pools and assumes no role never loads cognito-identity or STS.
 *
 * The operator's code writes `new identityProviderSdk.DescribeUserPoolCommand(…)` where it would
 * import the class; types still come from `import type`, which loads nothing. ESLint refuses a
 * value import of these packages outside the CLI (eslint.config.mjs), whose short-lived commands
 * need the SDK at once.
 */
import type * as IdentityProviderSdk from '@aws-sdk/client-cognito-identity-provider';
import type * as IdentitySdk from '@aws-sdk/client-cognito-identity';
import type * as StsSdk from '@aws-sdk/client-sts';
import type * as CredentialProviders from '@aws-sdk/credential-providers';

/** A stand-in for a module's exports that loads the module on the first property read. */
export function onFirstUse<M extends object>(load: () => M): M {
  let loaded: M | undefined;
  return new Proxy({} as M, { get: (_target, key) => Reflect.get((loaded ??= load()), key) });
}

// require, not import(): an import() would make every command's construction asynchronous.
/* eslint-disable @typescript-eslint/no-require-imports */
export const identityProviderSdk = onFirstUse(() => require('@aws-sdk/client-cognito-identity-provider') as typeof IdentityProviderSdk);
export const identitySdk = onFirstUse(() => require('@aws-sdk/client-cognito-identity') as typeof IdentitySdk);
export const stsSdk = onFirstUse(() => require('@aws-sdk/client-sts') as typeof StsSdk);
export const credentialProviders = onFirstUse(() => require('@aws-sdk/credential-providers') as typeof CredentialProviders);
/* eslint-enable @typescript-eslint/no-require-imports */
