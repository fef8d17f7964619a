import pino from 'pino';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import type { AwsClients } from '../../aws/clients';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import { userPoolKind } from './kind';

const ns = 'shop';

function obj(kind: string, name: string): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace: ns, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [] },
    spec: {},
    status: {},
  };
}

describe('userPoolKind dependents', () => {
  const noAws = () => {
    throw new Error('not used');
  };
  const aws: AwsClients = { defaultRegion: 'eu-west-1', identityProvider: noAws, identity: noAws };

  it('names the AppClients, IdentityProviders and ResourceServers of the pool, not IdentityPools (they live outside it)', () => {
    const referencing = [obj('AppClient', 'web'), obj('IdentityProvider', 'google'), obj('ResourceServer', 'shop-api'), obj('IdentityPool', 'shop-identities')];
    const lookup: ObjectLookup = {
      get: () => undefined,
      dependentsOf: (kind, namespace, name) => (kind === 'UserPool' && namespace === ns && name === 'shop-users' ? referencing.map((o) => ({ kind: o.kind, obj: o })) : []),
    };
    const kind = userPoolKind({ aws, lookup, api: kubeApiUsing('UserPool', {}), logger: pino({ level: 'silent' }) });
    expect(kind.dependents?.(obj('UserPool', 'shop-users'))).toEqual(['AppClient web', 'IdentityProvider google', 'ResourceServer shop-api']);
  });
});
