import {
  GroupExistsException,
  LimitExceededException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ResourceConflictException } from '@aws-sdk/client-cognito-identity';
import {
  AWS_ERROR_CLASSES,
  AWS_ERROR_CODES,
  annotateAwsError,
  awsErrorCall,
  awsErrorCode,
  awsErrorMessage,
  classifyAwsError,
  isConflict,
  isCredentialsError,
  isInvalid,
  isNotFound,
  isThrottled,
  isTransient,
  type AwsErrorClass,
} from './errors';

const metadata = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };

/** An error shaped like an SDK service exception with this code. */
function serviceError(code: string, message = `${code} happened`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name: code, $fault: 'client', $metadata: { ...metadata, httpStatusCode } });
}

/** An error shaped like a Node.js socket error. */
function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
}

const isSystemCode = (code: string): boolean => /^E[A-Z]+$/.test(code);

describe('classifyAwsError by code', () => {
  const rows = (Object.keys(AWS_ERROR_CODES) as Exclude<AwsErrorClass, 'unknown'>[]).flatMap((cls) =>
    AWS_ERROR_CODES[cls].map((code) => ({ code, cls })),
  );

  it.each(rows)('$code is $cls', ({ code, cls }) => {
    const err = isSystemCode(code) ? systemError(code) : serviceError(code);
    expect(classifyAwsError(err)).toBe(cls);
    expect(awsErrorCode(err)).toBe(code);
  });

  it('lists every code under one class only', () => {
    const all = Object.values(AWS_ERROR_CODES).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('has a list for every class but unknown', () => {
    expect(Object.keys(AWS_ERROR_CODES).sort()).toEqual(AWS_ERROR_CLASSES.filter((c) => c !== 'unknown').sort());
  });
});

describe('classifyAwsError', () => {
  const cases: { name: string; reason: string; err: unknown; want: AwsErrorClass }[] = [
    {
      name: 'SDK ResourceNotFoundException',
      reason: 'the real exception class carries its code in name',
      err: new ResourceNotFoundException({ message: 'User pool eu-west-1_x does not exist.', $metadata: metadata }),
      want: 'notFound',
    },
    {
      name: 'SDK TooManyRequestsException',
      reason: 'Cognito reports every rate quota this way',
      err: new TooManyRequestsException({ message: 'Rate exceeded', $metadata: metadata }),
      want: 'throttled',
    },
    {
      name: 'SDK LimitExceededException',
      reason: 'in Cognito a resource-count quota, not a rate: retrying cannot help',
      err: new LimitExceededException({ message: 'pools per account', $metadata: metadata }),
      want: 'invalid',
    },
    {
      name: 'cognito-identity ResourceConflictException',
      reason: 'another writer changed the resource',
      err: new ResourceConflictException({ message: 'conflict', $metadata: metadata }),
      want: 'conflict',
    },
    {
      name: 'cognito-idp GroupExistsException',
      reason: 'a group of that name appeared after the look-up: the next pass finds it',
      err: new GroupExistsException({ message: 'A group with the name admins already exists.', $metadata: metadata }),
      want: 'conflict',
    },
    {
      name: 'CredentialsProviderError',
      reason: 'the SDK found no credentials in the default chain',
      err: Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      want: 'credentials',
    },
    {
      name: '$retryable throttling trait',
      reason: 'the SDK model marks the error as a retryable throttle',
      err: Object.assign(serviceError('SomeNewException'), { $retryable: { throttling: true } }),
      want: 'throttled',
    },
    {
      name: '$retryable trait',
      reason: 'the SDK model marks the error as retryable',
      err: Object.assign(serviceError('SomeNewException'), { $retryable: {} }),
      want: 'transient',
    },
    {
      name: 'HTTP 429 with an unknown code',
      reason: 'the status code alone says throttled',
      err: serviceError('SomethingNew', 'slow down', 429),
      want: 'throttled',
    },
    {
      name: 'HTTP 503 with an unknown code',
      reason: '5xx is the server failing this time',
      err: serviceError('Unavailable', 'busy', 503),
      want: 'transient',
    },
    {
      name: 'AggregateError from a refused connection',
      reason: "Node 20's happy-eyeballs connect reports the code on an AggregateError",
      err: Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }),
      want: 'transient',
    },
    {
      name: 'namespaced code',
      reason: 'some protocols prefix the shape namespace',
      err: serviceError('com.amazonaws.cognito#ResourceNotFoundException'),
      want: 'notFound',
    },
    {
      name: 'wrapped in our own error',
      reason: 'callers wrap with { cause }; the class comes from the cause',
      err: new Error('cannot observe user pool', { cause: serviceError('ConcurrentModificationException') }),
      want: 'conflict',
    },
    {
      name: 'wrapped in a named error',
      reason: 'a named wrapper with an unknown code does not hide the cause',
      err: Object.assign(new Error('cannot update', { cause: serviceError('InvalidParameterException') }), {
        name: 'UpdateFailed',
      }),
      want: 'invalid',
    },
    {
      name: 'InvalidLambdaResponseException',
      reason: 'a sign-in flow error the operator never causes',
      err: serviceError('InvalidLambdaResponseException'),
      want: 'unknown',
    },
    { name: 'plain Error', reason: 'nothing to go on', err: new Error('boom'), want: 'unknown' },
    { name: 'a string', reason: 'not an error object', err: 'boom', want: 'unknown' },
    { name: 'undefined', reason: 'not an error object', err: undefined, want: 'unknown' },
    {
      name: 'AbortError',
      reason: 'we cancelled it; not an AWS condition',
      err: Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
      want: 'unknown',
    },
  ];

  it.each(cases)('$name → $want ($reason)', ({ err, want }) => {
    expect(classifyAwsError(err)).toBe(want);
  });
});

describe('predicates', () => {
  it.each([
    { predicate: isThrottled, err: serviceError('ThrottlingException') },
    { predicate: isTransient, err: systemError('ECONNRESET') },
    { predicate: isInvalid, err: serviceError('InvalidOAuthFlowException') },
    { predicate: isCredentialsError, err: serviceError('ExpiredTokenException') },
    { predicate: isNotFound, err: serviceError('ResourceNotFoundException') },
    { predicate: isConflict, err: serviceError('ConcurrentModificationException') },
  ])('$predicate.name is true for its class and false for others', ({ predicate, err }) => {
    expect(predicate(err)).toBe(true);
    expect(predicate(new Error('other'))).toBe(false);
  });
});

describe('awsErrorCode', () => {
  it('prefers the AWS code over a named wrapper', () => {
    const err = Object.assign(new Error('x', { cause: serviceError('ResourceNotFoundException') }), { name: 'Wrapper' });
    expect(awsErrorCode(err)).toBe('ResourceNotFoundException');
  });

  it('falls back to a non-AWS name', () => {
    expect(awsErrorCode(Object.assign(new Error('x'), { name: 'Wrapper' }))).toBe('Wrapper');
  });

  it('is undefined for a plain Error', () => {
    expect(awsErrorCode(new Error('x'))).toBeUndefined();
  });
});

describe('awsErrorMessage', () => {
  const cases: { name: string; err: unknown; want: string }[] = [
    {
      name: "AWS's own message after its code",
      err: serviceError('InvalidParameterException', 'Invalid callback URL: http://x'),
      want: 'InvalidParameterException: Invalid callback URL: http://x',
    },
    {
      name: 'the AWS error inside a wrapper',
      err: new Error('cannot create app client', { cause: serviceError('ScopeDoesNotExistException', 'Invalid scope') }),
      want: 'ScopeDoesNotExistException: Invalid scope',
    },
    {
      name: 'code alone when AWS sent no message',
      err: serviceError('ResourceNotFoundException', ''),
      want: 'ResourceNotFoundException',
    },
    { name: 'a plain error message', err: new Error('boom'), want: 'boom' },
    { name: 'a string', err: 'boom', want: 'boom' },
    { name: 'nothing usable', err: {}, want: 'unknown error' },
  ];

  it.each(cases)('$name', ({ err, want }) => {
    expect(awsErrorMessage(err)).toBe(want);
  });

  it('names the IAM action a permission error needed', () => {
    const err = serviceError('AccessDeniedException', 'Access denied');
    annotateAwsError(err, { service: 'cognito-idp', operation: 'CreateUserPool' });
    expect(classifyAwsError(err)).toBe('credentials');
    expect(awsErrorMessage(err)).toBe('AccessDeniedException: Access denied (IAM action cognito-idp:CreateUserPool)');
  });

  it('does not repeat an action AWS already named', () => {
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/op/x is not authorized to perform: cognito-identity:SetIdentityPoolRoles';
    const err = serviceError('AccessDeniedException', message);
    annotateAwsError(err, { service: 'cognito-identity', operation: 'SetIdentityPoolRoles' });
    expect(awsErrorMessage(err)).toBe(`AccessDeniedException: ${message}`);
  });

  it('does not add an action to errors of other classes', () => {
    const err = serviceError('InvalidParameterException', 'bad');
    annotateAwsError(err, { service: 'cognito-idp', operation: 'UpdateUserPool' });
    expect(awsErrorMessage(err)).toBe('InvalidParameterException: bad');
  });
});

describe('annotateAwsError', () => {
  it('is found through a wrapper and stays out of JSON', () => {
    const inner = serviceError('AccessDeniedException');
    annotateAwsError(inner, { service: 'cognito-idp', operation: 'TagResource' });
    const outer = new Error('cannot tag', { cause: inner });
    expect(awsErrorCall(outer)).toEqual({ service: 'cognito-idp', operation: 'TagResource' });
    expect(Object.keys(inner)).not.toContain('operation');
    expect(JSON.stringify(inner)).not.toContain('TagResource');
  });

  it('ignores values it cannot annotate', () => {
    expect(() => annotateAwsError('boom', { service: 'cognito-idp', operation: 'X' })).not.toThrow();
    expect(() => annotateAwsError(Object.freeze(new Error('x')), { service: 'cognito-idp', operation: 'X' })).not.toThrow();
  });
});
