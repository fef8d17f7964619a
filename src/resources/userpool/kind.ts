/** UserPool plugged into the generic reconciler. */
import type { AwsClients } from '../../aws/clients';
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { ManagedKind } from '../../reconciler/kind';
import { createUserPoolClient } from './client';
import type { UserPoolOutputs } from './mapping';
import type { UserPoolSpec } from './schema';

export function userPoolKind(aws: AwsClients): ManagedKind<UserPoolSpec, UserPoolOutputs> {
  return {
    resource: { group: Group, version: Version, plural: 'userpools', kind: 'UserPool' },
    noun: 'user pool',
    client: createUserPoolClient(aws),
    spec: (obj) => {
      if (!isRecord(obj.spec)) throw new Error('UserPool has no spec');
      // The API server validated and defaulted the spec against the schema this type comes from.
      return obj.spec as UserPoolSpec;
    },
    statusOutputs: (outputs) => ({ ...outputs }),
  };
}
