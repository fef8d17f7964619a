/** The API group, version and well-known keys every kind shares. */
export const Group = 'cognito.operator.dev';
export const Version = 'v1alpha1';
export const ApiVersion = `${Group}/${Version}`;

/** Annotations and tags the operator reads and writes. */
export const Annotation = {
  /** The AWS identifier of the managed resource; set by a user to adopt an existing one. */
  externalId: `${Group}/external-id`,
  /**
   * The AWS account the resource lives in, written with external-id: an object whose namespace
   * is later bound to another account stalls (AccountChanged) instead of moving.
   */
  accountId: `${Group}/account-id`,
  /**
   * The spec paths this object has applied to AWS (src/reconciler/ownership.ts): one the spec no
   * longer names is removed from AWS; a setting never recorded keeps its AWS value.
   */
  applied: `${Group}/applied`,
  /**
   * Written just before a create whose resource is found again only by listing the account
   * (user pools, identity pools): while it is set and no ID is recorded, the create may have
   * happened, so the next pass searches for the resource before creating (Crossplane's
   * external-create-pending). Without it no search is needed.
   */
  createPending: `${Group}/create-pending`,
  /** Any new value asks for an immediate reconcile. */
  reconcileRequestedAt: `${Group}/reconcile-requested-at`,
  /** On an AppClient with a secret: any new value asks for a client secret rotation now. */
  rotateSecretRequestedAt: `${Group}/rotate-secret-requested-at`,
} as const;

/** The AWS tag that ties a resource to the Kubernetes object that created it. */
export const OwnerUidTag = `${Group}/owner-uid`;
