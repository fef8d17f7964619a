/** Shared pieces of the unit tests: the table-case shape and stand-ins for the operator's own interfaces. */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../../src/aws/clients';
import type { KubeApi } from '../../../src/kube/client';

/** One row of a table test: `{ name, reason, args, want }`. */
export interface Case<A extends unknown[], W> {
  name: string;
  reason: string;
  args: A;
  want: W;
}

/**
 * AwsClients for a cognito-idp kind: real SDK clients (which aws-sdk-client-mock intercepts),
 * recording the regions asked for; cognito-identity is refused.
 */
export function identityProviderAws(kind: string): { aws: AwsClients; regions: string[] } {
  const regions: string[] = [];
  const aws: AwsClients = {
    defaultRegion: 'eu-west-1',
    identityProvider: (region) => {
      regions.push(region);
      return new CognitoIdentityProviderClient({ region });
    },
    identity: () => {
      throw new Error(`cognito-identity is not used by ${kind}`);
    },
  };
  return { aws, regions };
}

/** A KubeApi whose every call fails; a test overrides the calls it expects. */
export function kubeApiUsing(what: string, calls: Partial<KubeApi>): KubeApi {
  const unused = () => {
    throw new Error(`not used by ${what}`);
  };
  return {
    list: unused,
    get: unused,
    patch: unused,
    patchStatus: unused,
    watch: unused,
    createEvent: unused,
    getSecret: unused,
    createSecret: unused,
    replaceSecret: unused,
    deleteSecret: unused,
    getConfigMap: unused,
    ...calls,
  };
}
