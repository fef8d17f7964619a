/**
 * Whether an object may make AWS calls in the account its namespace resolves to: the one it
 * already lives in, and the one its references live in. Pure; the reconciler stalls the object
 * (0 AWS writes) when not.
 */
import { Annotation } from '../api/group';
import type { CustomObject } from '../kube/objects';
import { isRecord } from '../kube/objects';
import type { Account } from './account';
import type { BindingChoice } from './bindings';

export type AccountRefusal = {
  ok: false;
  reason: 'NoAccountBinding' | 'AmbiguousAccountBinding' | 'AccountChanged' | 'CrossAccountReference';
  message: string;
};
export type AccountVerdict = { ok: true; account: Account } | AccountRefusal;

/** The account an object recorded: the annotation (restored by backups), else status. */
export function recordedAccountOf(obj: CustomObject): string | undefined {
  const annotated = obj.metadata.annotations[Annotation.accountId];
  if (annotated !== undefined && annotated !== '') return annotated;
  return isRecord(obj.status) && typeof obj.status.accountId === 'string' ? obj.status.accountId : undefined;
}

/** A binding choice that gives no account, as the refusal the object shows. */
export function refuseChoice(namespace: string, choice: BindingChoice, required: boolean): AccountRefusal | undefined {
  if (choice.kind === 'many') {
    return {
      ok: false,
      reason: 'AmbiguousAccountBinding',
      message: `namespace ${namespace} is served by ${choice.names.length} AWSAccountBindings (${choice.names.join(', ')}); the operator cannot tell which account to use. Make exactly one of them serve it.`,
    };
  }
  if (choice.kind === 'none' && required) {
    return {
      ok: false,
      reason: 'NoAccountBinding',
      message: `no AWSAccountBinding serves namespace ${namespace}, and the operator runs with --require-account-binding: ask a cluster administrator for a binding that names this namespace.`,
    };
  }
  return undefined;
}

function describeAccount(account: Account): string {
  return account.key.startsWith('binding/') ? `account ${account.id ?? '?'} (AWSAccountBinding ${account.key.slice('binding/'.length)})` : `account ${account.id ?? '?'} (the operator’s own credentials)`;
}

/**
 * The object and what it references must live in `account`. An account ID that is not known
 * (the operator's own credentials without one) cannot be compared and passes.
 */
export function checkAccount(obj: CustomObject, kindName: string, account: Account, references: readonly { kind: string; obj: CustomObject }[]): AccountVerdict {
  const recorded = recordedAccountOf(obj);
  if (recorded !== undefined && account.id !== undefined && recorded !== account.id) {
    return {
      ok: false,
      reason: 'AccountChanged',
      message: `this ${kindName} lives in AWS account ${recorded}, but its namespace now resolves to ${describeAccount(account)}. The operator never moves a resource between accounts and creates no second one: point the binding back at account ${recorded}, or delete this object with deletionPolicy Retain and create it anew.`,
    };
  }
  for (const ref of references) {
    const theirs = recordedAccountOf(ref.obj);
    if (theirs !== undefined && account.id !== undefined && theirs !== account.id) {
      return {
        ok: false,
        reason: 'CrossAccountReference',
        message: `${ref.kind} ${ref.obj.metadata.name} lives in AWS account ${theirs}, but this ${kindName} would live in ${describeAccount(account)}: a reference cannot cross accounts.`,
      };
    }
  }
  return { ok: true, account };
}
