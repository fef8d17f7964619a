/**
 * Resolving the UserPool that a child kind (IdentityProvider, ResourceServer, UserPoolGroup)
 * lives in: the pool must be Ready, and the child's region, when its spec names one, must be
 * the pool's. Gives the pool's ID and region, or a message saying what to change.
 */
import { isRecord } from '../../kube/objects';
import type { ObjectLookup, Resolution } from '../../reconciler/kind';
import { readyTarget, statusString } from '../../reconciler/references';
import { UserPoolKindName } from './kind';

export interface ParentPool {
  userPoolId: string;
  region: string;
}

export interface ChildOfPool {
  namespace: string;
  poolName: string;
  /** The child's spec.region, if it names one. */
  region: string | undefined;
  /** How the message names the child: "a resource server". */
  noun: string;
}

export function readyParentPool(lookup: ObjectLookup, defaultRegion: string, child: ChildOfPool): Resolution<ParentPool> {
  const pool = readyTarget(lookup, UserPoolKindName, child.namespace, child.poolName);
  if (!pool.ready) return pool;
  const poolSpec = isRecord(pool.obj.spec) ? pool.obj.spec : {};
  const region = typeof poolSpec.region === 'string' ? poolSpec.region : defaultRegion;
  if (child.region !== undefined && child.region !== region) {
    return {
      ready: false,
      message: `spec.region ${child.region} is not the region of UserPool ${child.poolName} (${region}): ${child.noun} lives in its pool's region; remove spec.region or set it to ${region}`,
    };
  }
  return { ready: true, refs: { userPoolId: statusString(pool, 'id'), region } };
}
