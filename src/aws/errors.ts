/**
 * AWS error classification as data: which error codes mean "slow down", "try again",
 * "the spec is wrong", "fix the credentials", "gone" or "someone else is changing it".
 * The reconciler turns a class into a condition reason and a requeue policy; the lists below
 * are the only place that knows Cognito's error names.
 */

export const AWS_ERROR_CLASSES = [
  'throttled',
  'transient',
  'invalid',
  'credentials',
  'notFound',
  'conflict',
  'unknown',
] as const;
export type AwsErrorClass = (typeof AWS_ERROR_CLASSES)[number];

type ClassifiedAwsErrorClass = Exclude<AwsErrorClass, 'unknown'>;

/**
 * Error codes per class. A code is the SDK error's `name` (service exceptions, TimeoutError,
 * CredentialsProviderError) or a Node.js system error's `code` (ECONNRESET...).
 */
export const AWS_ERROR_CODES = {
  /** Request-rate limits: back off and retry; never fails the resource. */
  throttled: [
    'TooManyRequestsException', // Cognito (both services) for every rate quota
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'PriorRequestNotComplete',
  ],
  /** The service or the network failed this time; the same request may succeed later. */
  transient: [
    'InternalErrorException', // Cognito 500
    'InternalServerException',
    'InternalFailure',
    'InternalServerError',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'ExternalServiceException', // cognito-identity: a dependent service (an IdP) did not respond
    'TimeoutError', // SDK socket or connection timeout
    'RequestTimeout',
    'RequestTimeoutException',
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
  ],
  /**
   * AWS rejected the request as it stands; retrying cannot help until the spec (or the account)
   * changes, so the resource is Stalled.
   *
   * LimitExceededException is here, not under `throttled`: in both Cognito API references it
   * means a resource-count quota ("exceeds the limit for a requested AWS resource": user pools
   * per account, app clients or IdPs per pool, custom domains, identity pools), not a request
   * rate; Cognito reports rates as TooManyRequestsException. ServiceQuotaExceededException is
   * the same kind of quota. Note that the SDK's own retry still treats LimitExceededException as
   * throttling (smithy THROTTLING_ERROR_CODES), so it is retried up to maxAttempts before it
   * reaches us. InvalidLambdaResponseException and UserLambdaValidationException are absent:
   * they come from user sign-in flows, which the operator never calls.
   */
  invalid: [
    'InvalidParameterException',
    'InvalidParameterValueException',
    'ValidationException',
    'SerializationException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InvalidEmailRoleAccessPolicyException',
    'InvalidOAuthFlowException',
    'InvalidUserPoolConfigurationException',
    'InvalidIdentityPoolConfigurationException',
    'ScopeDoesNotExistException',
    'UnsupportedIdentityProviderException',
    'DuplicateProviderException',
    'UserPoolTaggingException',
    'UserPoolAddOnNotEnabledException',
    'FeatureUnavailableInTierException',
    'TierChangeNotAllowedException',
    'UnsupportedOperationException',
    'OperationNotEnabledException',
    'LimitExceededException',
    'ServiceQuotaExceededException',
  ],
  /**
   * The operator's AWS identity is missing, expired, or lacks an IAM permission. For
   * AccessDenied the fix is an action in the IAM policy, so awsErrorMessage names it.
   */
  credentials: [
    'CredentialsProviderError', // SDK: no credentials found in the default chain
    'TokenProviderError',
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'ExpiredTokenException',
    'ExpiredToken',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException',
    'AuthFailure',
    'AccessDeniedException',
    'AccessDenied',
    'UnauthorizedOperation',
    'NotAuthorizedException', // Cognito: the caller may not act on this resource
    'UnauthorizedException',
  ],
  notFound: ['ResourceNotFoundException'],
  /**
   * Another writer got there first; re-read and retry soon. GroupExistsException is a group
   * created between the look-up by name and CreateGroup, ManagedLoginBrandingExistsException a
   * client's style created between its look-up and CreateManagedLoginBranding: the next pass
   * finds it and adopts it, or says which object holds it.
   */
  conflict: ['ConcurrentModificationException', 'ResourceConflictException', 'GroupExistsException', 'ManagedLoginBrandingExistsException'],
} as const satisfies { readonly [c in ClassifiedAwsErrorClass]: readonly string[] };

/** Checked in this order; the lists are disjoint, so the order only documents intent. */
const CLASS_ORDER: readonly ClassifiedAwsErrorClass[] = [
  'throttled',
  'credentials',
  'notFound',
  'conflict',
  'invalid',
  'transient',
];

const CODE_TO_CLASS: ReadonlyMap<string, ClassifiedAwsErrorClass> = new Map(
  CLASS_ORDER.flatMap((cls) => AWS_ERROR_CODES[cls].map((code): [string, ClassifiedAwsErrorClass] => [code, cls])),
);

/** Names that say nothing about the cause: look at `code` or `cause` instead. */
const GENERIC_ERROR_NAMES: ReadonlySet<string> = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'AggregateError',
]);
const MAX_CAUSE_DEPTH = 8;
const TOO_MANY_REQUESTS_STATUS = 429;

/** Where the middleware records which call failed (see annotateAwsError). */
const AWS_CALL = Symbol('cognito-operator.awsCall');

/** The AWS call an error came from: enough to name the IAM action it needed. */
export interface AwsCallRef {
  service: string;
  operation: string;
}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: { throttling?: unknown };
  [AWS_CALL]?: AwsCallRef;
}

function fieldsOf(err: unknown): ErrorFields | undefined {
  return typeof err === 'object' && err !== null ? (err as ErrorFields) : undefined;
}

/** Strips the namespace and URL decorations some protocols add (`ns#Code`, `Code:http://...`). */
function sanitizeCode(raw: string): string {
  const afterHash = raw.slice(raw.lastIndexOf('#') + 1);
  const colon = afterHash.indexOf(':');
  return colon === -1 ? afterHash : afterHash.slice(0, colon);
}

/** The code of this error object alone, without following `cause`. */
function ownCode(fields: ErrorFields): string | undefined {
  if (typeof fields.name === 'string' && fields.name !== '' && !GENERIC_ERROR_NAMES.has(fields.name)) {
    return sanitizeCode(fields.name);
  }
  if (typeof fields.code === 'string' && fields.code !== '') return fields.code;
  return undefined;
}

/** The error itself, then its causes (our own errors wrap AWS's with `{ cause }`). */
function* causeChain(err: unknown): Generator<ErrorFields> {
  let current: unknown = err;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH; depth += 1) {
    const fields = fieldsOf(current);
    if (fields === undefined) return;
    yield fields;
    current = fields.cause;
  }
}

/** An SDK service exception, or an error whose code we know. */
function isAwsShaped(fields: ErrorFields, code: string): boolean {
  return fields.$metadata !== undefined || CODE_TO_CLASS.has(code);
}

/**
 * The error in the cause chain whose code to report: the first AWS-shaped one, so that our own
 * named wrappers do not hide AWS's code; otherwise the first with any code.
 */
function findCoded(err: unknown): { fields: ErrorFields; code: string } | undefined {
  let first: { fields: ErrorFields; code: string } | undefined;
  for (const fields of causeChain(err)) {
    const code = ownCode(fields);
    if (code === undefined) continue;
    if (isAwsShaped(fields, code)) return { fields, code };
    first ??= { fields, code };
  }
  return first;
}

/** AWS's error code (`ResourceNotFoundException`, `ECONNRESET`...), or undefined if none. */
export function awsErrorCode(err: unknown): string | undefined {
  return findCoded(err)?.code;
}

function classifyByTraits(fields: ErrorFields): AwsErrorClass {
  if (fields.$retryable !== undefined) return fields.$retryable.throttling === true ? 'throttled' : 'transient';
  const status = fields.$metadata?.httpStatusCode;
  if (status === TOO_MANY_REQUESTS_STATUS) return 'throttled';
  if (typeof status === 'number' && status >= 500 && status <= 599) return 'transient';
  return 'unknown';
}

/** Which class an error belongs to: by code first, then by the SDK's retry traits and HTTP status. */
export function classifyAwsError(err: unknown): AwsErrorClass {
  for (const fields of causeChain(err)) {
    const code = ownCode(fields);
    const byCode = code === undefined ? undefined : CODE_TO_CLASS.get(code);
    if (byCode !== undefined) return byCode;
    const byTraits = classifyByTraits(fields);
    if (byTraits !== 'unknown') return byTraits;
  }
  return 'unknown';
}

export const isThrottled = (err: unknown): boolean => classifyAwsError(err) === 'throttled';
export const isTransient = (err: unknown): boolean => classifyAwsError(err) === 'transient';
export const isInvalid = (err: unknown): boolean => classifyAwsError(err) === 'invalid';
export const isCredentialsError = (err: unknown): boolean => classifyAwsError(err) === 'credentials';
export const isNotFound = (err: unknown): boolean => classifyAwsError(err) === 'notFound';
export const isConflict = (err: unknown): boolean => classifyAwsError(err) === 'conflict';

/** Records on an SDK error which call raised it; the middleware does this for every failure. */
export function annotateAwsError(err: unknown, call: AwsCallRef): void {
  const fields = fieldsOf(err);
  if (fields === undefined || !Object.isExtensible(fields)) return;
  Object.defineProperty(fields, AWS_CALL, { value: call, enumerable: false, configurable: true });
}

/** The call recorded by annotateAwsError, searching the cause chain. */
export function awsErrorCall(err: unknown): AwsCallRef | undefined {
  for (const fields of causeChain(err)) {
    const call = fields[AWS_CALL];
    if (call !== undefined) return call;
  }
  return undefined;
}

function rawMessage(err: unknown): string {
  const coded = findCoded(err);
  const message = (coded?.fields ?? fieldsOf(err))?.message;
  if (typeof message === 'string' && message !== '') return message;
  return typeof err === 'string' ? err : '';
}

/** For a permission error, the IAM action the policy lacks, unless AWS's message names it already. */
function missingActionNote(err: unknown, message: string): string {
  if (classifyAwsError(err) !== 'credentials') return '';
  const call = awsErrorCall(err);
  if (call === undefined) return '';
  const action = `${call.service}:${call.operation}`;
  return message.includes(action) ? '' : ` (IAM action ${action})`;
}

/**
 * AWS's own message as `Code: message`, for conditions and Events. A permission error also
 * names the IAM action the call needed.
 */
export function awsErrorMessage(err: unknown): string {
  const code = awsErrorCode(err);
  const message = rawMessage(err);
  const base = code === undefined ? message || 'unknown error' : message ? `${code}: ${message}` : code;
  return base + missingActionNote(err, message);
}

/** The call's value, or undefined when AWS answers that the resource does not exist. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** An AWS response without what identifies the resource: one the operator cannot work with. */
export class IncompleteResponseError extends Error {
  override readonly name = 'IncompleteResponseError';
}
