/**
 * The API contract, enforced by the real API server: the examples are accepted, every invalid
 * object is rejected with a message a person can act on, and immutable fields stay immutable.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { readCorpus } from './support/corpus';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';

const repo = join(__dirname, '..', '..');
const namespace = useNamespace(__filename);

describe('deploy/examples', () => {
  const examples = readdirSync(join(repo, 'deploy', 'examples')).filter((f) => f.endsWith('.yaml'));

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s is accepted', (file) => {
    const out = kubectlOk(['create', '--dry-run=server', '-n', namespace.name, '-f', join(repo, 'deploy', 'examples', file)]);
    expect(out).toMatch(/created \(server dry run\)/);
  });
});

describe('invalid objects are rejected at admission', () => {
  const cases = readCorpus(join(__dirname, 'invalid'));

  it('covers at least 40 mistakes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    expect(c.documents).toHaveLength(1);
    const result = kubectl(['create', '--dry-run=server', '-n', namespace.name, '-f', '-'], c.documents[0]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(c.expect);
  });
});

/** What the operator does once it has created or adopted the AWS resource: record its ID in status. */
function markCreated(document: string, id = 'aws-id-1'): void {
  const { kind, metadata } = parseDocument(document).toJS() as { kind: string; metadata: { name: string } };
  kubectlOk(['patch', '-n', namespace.name, kind, metadata.name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { id } })]);
}

describe('immutable fields cannot change once the AWS resource exists', () => {
  const cases = readCorpus(join(__dirname, 'immutable'));

  it('covers signIn, attributes, references and regions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(19);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    expect(c.documents).toHaveLength(2);
    const [stored, changed] = c.documents;
    kubectlOk(['create', '-n', namespace.name, '-f', '-'], stored);
    // Before status.id (a create AWS rejected, say) the same object can be corrected in place...
    expect(kubectlOk(['replace', '-n', namespace.name, '-f', '-'], changed)).toMatch(/replaced/);
    kubectlOk(['replace', '-n', namespace.name, '-f', '-'], stored);
    // ...and once the resource exists the change is refused.
    markCreated(stored);
    const result = kubectl(['replace', '-n', namespace.name, '-f', '-'], changed);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(c.expect);
  });
});

describe('changes that stay allowed', () => {
  const manyAttributes = (name: string, count: number) => `apiVersion: cognito.operator.dev/v1alpha1
kind: UserPool
metadata: {name: ${name}}
spec:
  signUp:
    attributes:
${Array.from({ length: count }, (_, i) => `      - {name: attr${i}, custom: true}`).join('\n')}
`;

  it('takes more than 50 attributes once the pool exists (AddCustomAttributes), not on create', () => {
    const name = 'many-attributes';
    kubectlOk(['create', '-n', namespace.name, '-f', '-'], manyAttributes(name, 50));
    const before = kubectl(['replace', '-n', namespace.name, '-f', '-'], manyAttributes(name, 60));
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('signUp.attributes: at most 50 when the pool is created');
    markCreated(manyAttributes(name, 50));
    expect(kubectlOk(['replace', '-n', namespace.name, '-f', '-'], manyAttributes(name, 60))).toMatch(/replaced/);
  });

  it('adds a custom attribute and changes mutable settings of a stored UserPool', () => {
    const pool = (extra: string) => `apiVersion: cognito.operator.dev/v1alpha1
kind: UserPool
metadata: {name: allowed-changes}
spec:
  signIn: {usernameAttributes: [email]}
  signUp:
    attributes:
      - {name: email, required: true}
      - {name: tier, custom: true, type: String}${extra}
`;
    kubectlOk(['create', '-n', namespace.name, '-f', '-'], pool(''));
    markCreated(pool(''));
    const changed = pool(`
      - {name: plan, custom: true, type: String}
  security:
    mfa: {mode: OPTIONAL, totp: true}
  deletionProtection: false`);
    expect(kubectlOk(['replace', '-n', namespace.name, '-f', '-'], changed)).toMatch(/replaced/);
  });

  it('changes a stored UserPoolGroup’s role and precedence, and drops its description', () => {
    const group = (settings: string) => `apiVersion: cognito.operator.dev/v1alpha1
kind: UserPoolGroup
metadata: {name: allowed-group-changes}
spec:
  userPoolRef: {name: shop-users}
${settings}`;
    const stored = group('  description: Admins\n  precedence: 0\n  roleArn: arn:aws:iam::123456789012:role/admins\n');
    kubectlOk(['create', '-n', namespace.name, '-f', '-'], stored);
    markCreated(stored);
    const changed = group('  precedence: 5\n  roleArn: arn:aws:iam::123456789012:role/operators\n');
    expect(kubectlOk(['replace', '-n', namespace.name, '-f', '-'], changed)).toMatch(/replaced/);
  });
});
