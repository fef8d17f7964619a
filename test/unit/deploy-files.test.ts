/**
 * deploy/ stays true to the code: copies match their sources (`deploy/generate` rewrites them),
 * the IAM policy allows exactly the AWS calls the operator makes, RBAC names every kind and no
 * wildcard, the Dockerfile's runtime stage keeps its promises. Rendering with kustomize and Helm
 * against an API server is test/integration/deploy.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import { Group } from '../../src/api/group';
import { kinds } from '../../src/api/kinds';
import { OPERATION_CATEGORIES, RATE_CATEGORIES } from '../../src/aws/rate-limit';
import type { AwsService } from '../../src/aws/rate-limit';

const root = join(__dirname, '..', '..');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');
const yamlFiles = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort();
const regenerate = 'run deploy/generate';

describe('CRD copies', () => {
  const sources = yamlFiles('crds');
  it.each(['deploy/kustomize/crds', 'deploy/helm/cognito-operator/crds'])(`%s holds exactly crds/ (${regenerate})`, (dir) => {
    expect(yamlFiles(dir)).toEqual(sources);
    for (const file of sources) expect({ file, text: read(dir, file) }).toEqual({ file, text: read('crds', file) });
  });

  it('the kustomization lists every CRD', () => {
    const kustomization = parseDocument(read('deploy', 'kustomize', 'kustomization.yaml')).toJS() as { resources: string[] };
    expect(kustomization.resources.filter((r) => r.startsWith('crds/')).sort()).toEqual(sources.map((f) => `crds/${f}`));
  });
});

describe('IAM policy', () => {
  interface Statement {
    Effect: string;
    Action: string[];
    Resource: string;
  }
  const policy = JSON.parse(read('deploy', 'iam-policy.json')) as { Statement: Statement[] };
  const allowed = policy.Statement.flatMap((s) => s.Action).sort();
  const called = (Object.keys(OPERATION_CATEGORIES) as AwsService[]).flatMap((service) => Object.keys(OPERATION_CATEGORIES[service]).map((op) => `${service}:${op}`)).sort();

  it('allows exactly the operations of OPERATION_CATEGORIES', () => {
    expect(allowed).toEqual(called);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  // src/cli (export, plan) runs with its user's credentials, not the operator's role.
  it('covers every AWS SDK command that src/ imports, the command-line tools aside', () => {
    const imported = importedCommands(join(root, 'src'), join(root, 'src', 'cli'));
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((action) => !allowed.includes(action))).toEqual([]);
  });
});

describe('read-only IAM policy of the command-line tools', () => {
  const policy = JSON.parse(read('deploy', 'iam', 'cli-read-only-policy.json')) as { Statement: { Effect: string; Action: string[] }[] };
  const allowed = policy.Statement.flatMap((s) => s.Action).sort();
  const reads = (Object.keys(OPERATION_CATEGORIES) as AwsService[])
    .flatMap((service) => Object.keys(OPERATION_CATEGORIES[service]).map((op) => `${service}:${op}`))
    .filter((action) => /:(Describe|List|Get)/.test(action))
    .sort();

  it('allows exactly the read operations of OPERATION_CATEGORIES (plan observes with every kind), and nothing that writes', () => {
    expect(allowed).toEqual(reads);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('covers every AWS SDK command that src/cli imports, each in the rate limit table', () => {
    const imported = [...importedCommands(join(root, 'src', 'cli'))];
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((action) => !allowed.includes(action))).toEqual([]);
  });
});

/** `service:Operation` for each AWS SDK command the non-test sources under `dir` import (`skip` left out). */
function importedCommands(dir: string, skip?: string): Set<string> {
  const packages: Record<string, AwsService> = { 'client-cognito-identity-provider': 'cognito-idp', 'client-cognito-identity': 'cognito-identity' };
  const lazyModules: Record<string, AwsService> = { identityProviderSdk: 'cognito-idp', identitySdk: 'cognito-identity' };
  const imported = new Set<string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (path !== skip) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-cognito-[a-z-]+)'/g)) {
          const service = packages[m[2] ?? ''];
          for (const name of (m[1] ?? '').split(',').map((n) => n.trim().split(/\s/)[0] ?? '')) {
            const op = /^(\w+)Command$/.exec(name)?.[1];
            if (op && service) imported.add(`${service}:${op}`);
          }
        }
        // The operator's code reaches commands through src/aws/sdk.ts's modules, loaded on first use.
        for (const m of text.matchAll(/\b(identityProviderSdk|identitySdk)\.(\w+)Command\b/g)) {
          imported.add(`${lazyModules[m[1] ?? '']}:${m[2]}`);
        }
      }
    }
  };
  walk(dir);
  return imported;
}

describe('RBAC of the kustomize base', () => {
  const files = ['cluster-role.yaml', 'leader-election-role.yaml'];
  const docs = files.flatMap((f) => parseAllDocuments(read('deploy', 'kustomize', f)));
  const roles = docs.filter((d) => /^(Cluster)?Role$/.test(String(d.get('kind'))));

  it('has no wildcard in any rule', () => {
    const values = roles.flatMap((r) => (r.toJS() as { rules: Record<string, string[]>[] }).rules.flatMap((rule) => Object.values(rule).flat()));
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => v.includes('*'))).toEqual([]);
  });

  it('justifies every rule with a comment', () => {
    for (const role of roles) {
      const rules = role.get('rules');
      if (!isSeq(rules)) throw new Error('rules is not a list');
      rules.items.forEach((rule, i) => {
        // The yaml parser gives the first item's comment to the list itself.
        const comment = (isMap(rule) ? rule.commentBefore : undefined) ?? (i === 0 ? rules.commentBefore : undefined) ?? '';
        expect({ rule: JSON.stringify(rule), commented: comment.trim() !== '' }).toEqual({ rule: JSON.stringify(rule), commented: true });
      });
    }
  });

  it('covers every kind and its status', () => {
    const clusterRole = roles.find((r) => r.get('kind') === 'ClusterRole')?.toJS() as { rules: { apiGroups: string[]; resources: string[] }[] };
    const ours = clusterRole.rules.filter((r) => r.apiGroups.includes(Group)).flatMap((r) => r.resources);
    for (const kind of kinds) expect(ours).toEqual(expect.arrayContaining([kind.plural, `${kind.plural}/status`]));
  });
});

describe('Argo CD health check', () => {
  const patch = parseDocument(read('deploy', 'argocd', 'argocd-cm-patch.yaml')).toJS() as { metadata: { name: string }; data: Record<string, string> };
  it(`embeds health.lua for each kind (${regenerate})`, () => {
    expect(patch.metadata.name).toBe('argocd-cm');
    // AWSAccountBinding is configuration, not a resource with conditions: no health to judge.
    const keys = kinds.filter((k) => k.scope !== 'Cluster').map((k) => `resource.customizations.health.${Group}_${k.kind}`).sort();
    expect(Object.keys(patch.data).sort()).toEqual(keys);
    for (const key of keys) expect(patch.data[key]).toBe(read('deploy', 'argocd', 'health.lua'));
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs the exec-form entry point (node with its V8 flags) as a numeric non-root user', () => {
    expect(runtime).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "--no-opt", "--no-maglev", "--memory-saver-mode", "--no-node-snapshot", "dist\/main\.js"\]$/m);
  });

  it('installs production dependencies only and sets HOME for a user without a passwd entry', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/HOME=\/tmp/);
    expect(runtime).not.toMatch(/^RUN npm/m);
  });
});

describe('versions and values', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string };
  it('the chart, its image and the kustomize image carry the package version', () => {
    const chart = parseDocument(read('deploy', 'helm', 'cognito-operator', 'Chart.yaml')).toJS() as { appVersion: string };
    const kustomization = parseDocument(read('deploy', 'kustomize', 'kustomization.yaml')).toJS() as { images: { newTag: string }[] };
    expect(chart.appVersion).toBe(pkg.version);
    expect(kustomization.images.map((i) => i.newTag)).toEqual([pkg.version]);
  });

  it("the chart's values schema knows exactly the rate-limit categories", () => {
    const schema = JSON.parse(read('deploy', 'helm', 'cognito-operator', 'values.schema.json')) as {
      properties: { aws: { properties: { rateLimits: { propertyNames: { enum: string[] } } } } };
    };
    expect([...schema.properties.aws.properties.rateLimits.propertyNames.enum].sort()).toEqual([...RATE_CATEGORIES].sort());
  });
});
