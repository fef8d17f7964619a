/** `cognito-operator plan -f FILE|DIR`: what applying YAML would change in AWS. Read-only AWS calls. */
import { parseArgs } from 'node:util';
import { createAwsClients } from '../../aws/clients';
import { createKubeApi, loadKubeConfig } from '../../kube/client';
import { UsageError } from '../usage';
import { loadObjects } from './load';
import { plan } from './planner';
import { planExitCode, renderPlanJson, renderPlanText } from './report';

export const PlanUsage = `Usage: cognito-operator plan -f FILE|DIR [-f ...] [flags]

For each UserPool, AppClient, IdentityProvider, ResourceServer, UserPoolGroup and IdentityPool in
the files: would create / would update (each path, AWS's value → the spec's, secret values
masked) / up to date / would stall (and why) / would wait (for what), decided by the operator's
own comparison, with read-only AWS calls. References resolve to objects in the files (Secrets
and ConfigMaps included), else, with --kubeconfig, to the cluster's.

Exit code: 0 no changes, 2 changes, 1 error (as terraform plan -detailed-exitcode).

Flags:
  -f, --filename PATH     a YAML file or a directory of them; repeatable
  --region REGION         region of specs that name none (default: AWS_REGION)
  --namespace NS          namespace of objects that name none (default: default)
  --kubeconfig PATH       read references and Secrets missing from the files from this cluster
  --output text|json      (default text)
`;

export interface PlanOptions {
  files: string[];
  region: string;
  namespace: string;
  kubeconfig?: string;
  output: 'text' | 'json';
}

export function parsePlanArgs(argv: string[], env: NodeJS.ProcessEnv): PlanOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      filename: { type: 'string', short: 'f', multiple: true },
      region: { type: 'string' },
      namespace: { type: 'string' },
      kubeconfig: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const files = values.filename ?? [];
  if (files.length === 0) throw new UsageError('plan needs -f FILE|DIR');
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('plan needs --region (or AWS_REGION)');
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError('--output is text or json');
  return { files, region, namespace: values.namespace ?? 'default', output, ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}) };
}

/** Prints the plan and returns the exit code. */
export async function runPlan(options: PlanOptions, stdout: (text: string) => void): Promise<number> {
  const loaded = loadObjects(options.files, options.namespace);
  const aws = createAwsClients({ defaultRegion: options.region });
  try {
    const cluster = options.kubeconfig ? createKubeApi(await loadKubeConfig(options.kubeconfig)) : undefined;
    const plans = await plan(loaded, { aws, ...(cluster ? { cluster } : {}) });
    stdout(options.output === 'json' ? renderPlanJson(plans) : renderPlanText(plans));
    return planExitCode(plans);
  } finally {
    aws.destroy();
  }
}
