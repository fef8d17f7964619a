/** The account of the operator's own credentials: AWS_ACCOUNT_ID, else STS GetCallerIdentity (no IAM permission needed). */
import { stsSdk } from '../aws/sdk';

export async function ownAccountId(region: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string | undefined> {
  const configured = env.AWS_ACCOUNT_ID?.trim();
  if (configured) return configured;
  const sts = new stsSdk.STSClient({ region });
  try {
    return (await sts.send(new stsSdk.GetCallerIdentityCommand({}))).Account;
  } finally {
    sts.destroy();
  }
}
