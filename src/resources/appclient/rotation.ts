/**
 * Client secret rotation with Cognito's two-secret overlap: AddUserPoolClientSecret adds a
 * second secret, the output Secret gets its value at once, and the previous secret is deleted
 * from AWS once `overlap` has passed. Applications therefore always hold a secret AWS accepts.
 *
 * What is due is decided from status.secretRotation alone, so a pass with nothing due makes no
 * AWS call. Before each AWS write the step is recorded in status (rotationStartedAt before the
 * add, previousSecretId before the delete), and the output Secret carries the ID of the secret
 * it holds (an annotation, never the value): after a crash the next pass finishes the rotation
 * if the Secret got the new value, or deletes the secret whose value was lost, and never
 * deletes the secret the Secret holds.
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { V1Secret } from '@kubernetes/client-node';
import type { CognitoIdentityProviderClient, ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';
import { Annotation, Group } from '../../api/group';
import { unlessNotFound } from '../../aws/errors';
import type { KubeApi } from '../../kube/client';
import type { CustomObject, ResourceRef } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import { TerminalError } from '../../reconciler/errors';
import type { Maintenance } from '../../reconciler/kind';
import { durationSeconds } from './mapping';
import type { AppClientSpec } from './schema';

/** On the output Secret: the ID of the client secret it holds. */
export const SecretIdAnnotation = `${Group}/client-secret-id`;

const DefaultOverlap = '24h';

export interface RotationState {
  currentSecretId?: string;
  currentSecretCreatedAt?: string;
  previousSecretId?: string;
  previousSecretDeleteAfter?: string;
  rotationStartedAt?: string;
  handledRequest?: string;
}

const Message = {
  twoAtStart: (client: string) =>
    `app client ${client} already has two client secrets and the operator cannot tell which one the output Secret holds, so it cannot rotate. Delete the one not in use (aws cognito-idp delete-user-pool-client-secret), then the rotation proceeds.`,
  notHeld: (client: string, id: string) =>
    `the output Secret of app client ${client} does not hold the current client secret ${id} (was it changed or deleted by hand?), so the previous secret is not deleted. Restore the Secret, or delete the extra client secret in AWS yourself.`,
  noDescriptor: 'AddUserPoolClientSecret returned no secret ID or value',
} as const;

export function rotationStateOf(obj: CustomObject): RotationState {
  const status = isRecord(obj.status) ? obj.status : {};
  const state = isRecord(status.secretRotation) ? status.secretRotation : {};
  return Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v === 'string' && v !== '')) as RotationState;
}

/** The next step, from the spec, the annotation and the state only (no AWS call). */
export type RotationStep = 'none' | 'recover' | 'deletePrevious' | 'learn' | 'rotate';

export interface RotationPlan {
  step: RotationStep;
  /** When a later step is due, in ms from now. */
  dueInMs?: number;
}

function requestOf(obj: CustomObject): string | undefined {
  const value = obj.metadata.annotations[Annotation.rotateSecretRequestedAt];
  return value ? value : undefined;
}

export function planRotation(spec: AppClientSpec, request: string | undefined, state: RotationState, now: Date): RotationPlan {
  if (!spec.generateSecret) return { step: 'none' };
  const requested = request !== undefined && request !== state.handledRequest;
  const tracked = Object.keys(state).some((k) => k !== 'handledRequest');
  if (!spec.secretRotation && !requested && !tracked) return { step: 'none' };
  if (state.rotationStartedAt) return { step: 'recover' };
  if (state.previousSecretId) {
    const left = Date.parse(state.previousSecretDeleteAfter ?? '') - now.getTime();
    // A rotation asked for during the overlap waits for it: AWS keeps at most two secrets.
    return left > 0 ? { step: 'none', dueInMs: left } : { step: 'deletePrevious' };
  }
  if (requested) return { step: 'rotate' };
  const every = spec.secretRotation?.every;
  if (every === undefined) return { step: 'none' };
  if (!state.currentSecretCreatedAt) return { step: 'learn' };
  const left = Date.parse(state.currentSecretCreatedAt) + durationSeconds(every) * 1000 - now.getTime();
  return left > 0 ? { step: 'none', dueInMs: left } : { step: 'rotate' };
}

export interface RotationDeps {
  api: KubeApi;
  resource: ResourceRef;
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  secretName: string;
  /** Writes the output Secret with this client secret value and its ID. */
  publishSecret(value: string, secretId: string): Promise<void>;
  now: () => Date;
}

/** Runs the due steps of one object's rotation; several in one pass (learn, then rotate). */
export async function rotateClientSecret(deps: RotationDeps, obj: CustomObject, spec: AppClientSpec): Promise<Maintenance> {
  const events: NonNullable<Maintenance['events']> = [];
  const request = requestOf(obj);
  for (let steps = 0; steps < 5; steps++) {
    const plan = planRotation(spec, request, rotationStateOf(obj), deps.now());
    if (plan.step === 'none') return { events, ...(plan.dueInMs !== undefined ? { revisitWithinMs: plan.dueInMs } : {}) };
    await runStep(deps, obj, spec, plan.step, request, events);
  }
  return { events };
}

async function runStep(deps: RotationDeps, obj: CustomObject, spec: AppClientSpec, step: RotationStep, request: string | undefined, events: NonNullable<Maintenance['events']>): Promise<void> {
  const state = rotationStateOf(obj);
  const { clientId } = deps;
  switch (step) {
    case 'learn': {
      const [only, ...more] = await listSecrets(deps);
      if (!only || more.length > 0) throw new TerminalError(Message.twoAtStart(clientId));
      await writeState(deps, obj, { currentSecretId: only.id, currentSecretCreatedAt: only.createdAt });
      return;
    }
    case 'rotate': {
      const listed = await listSecrets(deps);
      const [old, ...more] = listed;
      if (!old || more.length > 0) throw new TerminalError(Message.twoAtStart(clientId));
      // Recorded first: from here a crash may leave a secret whose value only this pass knew.
      await writeState(deps, obj, { currentSecretId: old.id, currentSecretCreatedAt: old.createdAt, rotationStartedAt: deps.now().toISOString() });
      const added = await deps.cognito.send(new identityProviderSdk.AddUserPoolClientSecretCommand({ UserPoolId: deps.userPoolId, ClientId: clientId }));
      const fresh = descriptorOf(added.ClientSecretDescriptor);
      await deps.publishSecret(fresh.value, fresh.id);
      await completeRotation(deps, obj, spec, old.id, fresh, request, events);
      return;
    }
    case 'recover': {
      const known = new Set([state.currentSecretId, state.previousSecretId]);
      const unknown = (await listSecrets(deps)).filter((s) => !known.has(s.id));
      const held = (await deps.api.getSecret(obj.metadata.namespace, deps.secretName))?.metadata?.annotations?.[SecretIdAnnotation];
      const published = unknown.find((s) => s.id === held);
      if (published && state.currentSecretId) {
        await completeRotation(deps, obj, spec, state.currentSecretId, published, request, events);
        return;
      }
      // The add happened but its value never reached the Secret: nobody can use that secret.
      for (const lost of unknown) {
        if (lost.id === held) continue;
        await unlessNotFound(deps.cognito.send(new identityProviderSdk.DeleteUserPoolClientSecretCommand({ UserPoolId: deps.userPoolId, ClientId: clientId, ClientSecretId: lost.id })));
        events.push({ type: 'Normal', reason: 'SecretRotationRecovered', message: `Deleted client secret ${lost.id} of an interrupted rotation: its value had not reached Secret ${deps.secretName}` });
      }
      await writeState(deps, obj, { rotationStartedAt: null });
      return;
    }
    case 'deletePrevious': {
      const held = (await deps.api.getSecret(obj.metadata.namespace, deps.secretName))?.metadata?.annotations?.[SecretIdAnnotation];
      if (!state.currentSecretId || held !== state.currentSecretId) throw new TerminalError(Message.notHeld(clientId, state.currentSecretId ?? '(unknown)'));
      const previous = state.previousSecretId ?? '';
      await unlessNotFound(deps.cognito.send(new identityProviderSdk.DeleteUserPoolClientSecretCommand({ UserPoolId: deps.userPoolId, ClientId: clientId, ClientSecretId: previous })));
      await writeState(deps, obj, { previousSecretId: null, previousSecretDeleteAfter: null });
      events.push({ type: 'Normal', reason: 'SecretDeleted', message: `Deleted the previous client secret ${previous} of app client ${clientId} after the overlap` });
      return;
    }
    case 'none':
      return;
  }
}

interface Descriptor {
  id: string;
  createdAt: string;
}

/** The new secret is current, the old one previous until the overlap ends; the request is handled. */
async function completeRotation(
  deps: RotationDeps,
  obj: CustomObject,
  spec: AppClientSpec,
  oldId: string,
  fresh: Descriptor,
  request: string | undefined,
  events: NonNullable<Maintenance['events']>,
): Promise<void> {
  const overlap = spec.secretRotation?.overlap ?? DefaultOverlap;
  const deleteAfter = new Date(deps.now().getTime() + durationSeconds(overlap) * 1000).toISOString();
  await writeState(deps, obj, {
    currentSecretId: fresh.id,
    currentSecretCreatedAt: fresh.createdAt,
    previousSecretId: oldId,
    previousSecretDeleteAfter: deleteAfter,
    rotationStartedAt: null,
    ...(request !== undefined ? { handledRequest: request } : {}),
  });
  events.push({
    type: 'Normal',
    reason: 'SecretRotated',
    message: `Rotated the client secret of app client ${deps.clientId}: Secret ${deps.secretName} holds the new secret ${fresh.id}; the previous one, ${oldId}, stays valid until ${deleteAfter}`,
  });
}

function descriptorOf(d: ClientSecretDescriptorType | undefined): Descriptor & { value: string } {
  if (!d?.ClientSecretId || !d.ClientSecretValue) throw new Error(Message.noDescriptor);
  return { id: d.ClientSecretId, value: d.ClientSecretValue, createdAt: (d.ClientSecretCreateDate ?? new Date()).toISOString() };
}

/** ListUserPoolClientSecrets: IDs and creation dates, oldest first (AWS holds two at most, one page). */
async function listSecrets(deps: RotationDeps): Promise<Descriptor[]> {
  const out = await deps.cognito.send(new identityProviderSdk.ListUserPoolClientSecretsCommand({ UserPoolId: deps.userPoolId, ClientId: deps.clientId }));
  return (out.ClientSecrets ?? [])
    .flatMap((s) => (s.ClientSecretId ? [{ id: s.ClientSecretId, createdAt: (s.ClientSecretCreateDate ?? new Date(0)).toISOString() }] : []))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Merges into status.secretRotation (null removes a field) and keeps the object's copy current. */
async function writeState(deps: RotationDeps, obj: CustomObject, change: { [k in keyof RotationState]?: string | null }): Promise<void> {
  const { namespace, name } = obj.metadata;
  const written = await deps.api.patchStatus(deps.resource, namespace, name, { status: { secretRotation: change } });
  obj.status = written.status;
  obj.metadata.resourceVersion = written.metadata.resourceVersion;
}

/** The value the output Secret keeps: its own, when it holds the current rotated secret. */
export function heldSecretValue(existing: V1Secret | undefined, state: RotationState): string | undefined {
  const held = existing?.metadata?.annotations?.[SecretIdAnnotation];
  if (!state.currentSecretId || held !== state.currentSecretId) return undefined;
  const encoded = existing?.data?.clientSecret;
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}
