/**
 * The AWS account an object's calls go to, and the pass-wide context that carries it. A reconcile
 * pass runs inside `withAccount`, so that AwsClients hands out that account's clients to every
 * kind's code without each kind passing the account along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Credentials as the SDK takes them; `expiration` tells it when to ask again. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}
export type CredentialsProvider = () => Promise<Credentials>;

export interface Account {
  /**
   * What clients and rate-limit buckets are keyed by: `binding/<name>` for a binding's role,
   * `operator` for the operator's own credentials.
   */
  key: string;
  /** The 12-digit account ID; undefined when the operator's own credentials do not tell it. */
  id?: string;
  /** The binding's default region for specs that name none. */
  region?: string;
  /** The binding's assumed-role credentials; undefined: the SDK's default chain. */
  credentials?: CredentialsProvider;
}

export const OperatorAccountKey = 'operator';

const current = new AsyncLocalStorage<Account>();

/** Runs `work` with `account` as the account of every AWS client it asks for. */
export function withAccount<T>(account: Account | undefined, work: () => Promise<T>): Promise<T> {
  return account === undefined ? work() : current.run(account, work);
}

/** The account of the pass in progress; undefined outside one (the operator's own). */
export function currentAccount(): Account | undefined {
  return current.getStore();
}

/** `arn:aws:iam::210987654321:role/x` → `210987654321`. */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:([0-9]{12}):/.exec(arn)?.[1];
}

/** A metric label: the account ID, else the key. */
export function accountLabel(account: Account | undefined): string {
  return account?.id ?? account?.key ?? OperatorAccountKey;
}
