/**
 * Resolving the UserPool that a child kind (AppClient, IdentityProvider, ResourceServer,
 * UserPoolGroup) lives in: the pool must be Ready, and the child's region, when its spec names
 * one, must be the pool's. Gives the pool's ID and region, or a message saying what to change.
 * A child being deleted needs less: parentPoolForDeletion.
 */
import { isRecord } from '../../kube/objects';
import type { CustomObject } from '../../kube/objects';
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

/** A pool ID names its region: `eu-west-1_AbCdEf123`. */
export function regionOfPoolId(userPoolId: string): string | undefined {
  const separator = userPoolId.indexOf('_');
  return separator > 0 ? userPoolId.slice(0, separator) : undefined;
}

/** The child's status.userPoolId: the pool it was created in, recorded with every status write. */
function recordedPoolId(child: CustomObject): string | undefined {
  const status = isRecord(child.status) ? child.status : {};
  return typeof status.userPoolId === 'string' && status.userPoolId !== '' ? status.userPoolId : undefined;
}

/**
 * The pool a child being deleted lives in. Deleting needs only the pool's ID, not a Ready pool:
 * the pool may be waiting for its children to go (DependentsExist), or its object may be gone
 * already — a namespace deletion releases a deletionPolicy Retain pool at once, and its AWS pool
 * still holds the child. The pool object's ID comes first, then the one the child recorded.
 * Without either, nothing was created that could still be in AWS.
 */
export function parentPoolForDeletion(lookup: ObjectLookup, defaultRegion: string, child: CustomObject, poolName: string): Resolution<ParentPool> {
  const pool = lookup.get(UserPoolKindName, child.metadata.namespace, poolName);
  const poolStatus = pool && isRecord(pool.status) ? pool.status : {};
  if (pool && typeof poolStatus.id === 'string' && poolStatus.id !== '') {
    const poolSpec = isRecord(pool.spec) ? pool.spec : {};
    return { ready: true, refs: { userPoolId: poolStatus.id, region: typeof poolSpec.region === 'string' ? poolSpec.region : defaultRegion } };
  }
  const recorded = recordedPoolId(child);
  if (recorded) return { ready: true, refs: { userPoolId: recorded, region: regionOfPoolId(recorded) ?? defaultRegion } };
  return { ready: false, message: `UserPool ${poolName} no longer has a user pool ID` };
}
