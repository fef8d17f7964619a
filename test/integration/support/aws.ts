/** Direct access to the Cognito emulator, to check what the operator did and to change things behind its back. */
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, ListUserPoolsCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolDescriptionType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import type { IdentityPoolShortDescription } from '@aws-sdk/client-cognito-identity';

export function cognito(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: process.env.AWS_REGION });
}

export async function userPoolsNamed(client: CognitoIdentityProviderClient, name: string): Promise<UserPoolDescriptionType[]> {
  const found: UserPoolDescriptionType[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    found.push(...(page.UserPools ?? []).filter((p) => p.Name === name));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** The emulator's cognito-identity (identity pools), in the ground's region. */
export function cognitoIdentity(): CognitoIdentityClient {
  return new CognitoIdentityClient({ region: process.env.AWS_REGION });
}

export async function identityPoolsNamed(client: CognitoIdentityClient, name: string): Promise<IdentityPoolShortDescription[]> {
  const found: IdentityPoolShortDescription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken }));
    found.push(...(page.IdentityPools ?? []).filter((p) => p.IdentityPoolName === name));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

export async function describeUserPool(client: CognitoIdentityProviderClient, id: string): Promise<UserPoolType> {
  const out = await client.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  if (!out.UserPool) throw new Error(`no pool ${id}`);
  return out.UserPool;
}

/**
 * Changes a pool directly in AWS the way a console user would: everything else kept (UpdateUserPool
 * resets what a request leaves out, so the request carries the pool's current settings).
 */
export async function changeUserPoolInAws(client: CognitoIdentityProviderClient, id: string, change: (pool: UserPoolType) => Partial<UserPoolType>): Promise<void> {
  const pool = await describeUserPool(client, id);
  await client.send(
    new UpdateUserPoolCommand({
      UserPoolId: id,
      Policies: pool.Policies,
      LambdaConfig: pool.LambdaConfig,
      AutoVerifiedAttributes: pool.AutoVerifiedAttributes,
      VerificationMessageTemplate: pool.VerificationMessageTemplate,
      UserAttributeUpdateSettings: pool.UserAttributeUpdateSettings,
      DeviceConfiguration: pool.DeviceConfiguration,
      EmailConfiguration: pool.EmailConfiguration,
      SmsConfiguration: pool.SmsConfiguration,
      AdminCreateUserConfig: pool.AdminCreateUserConfig,
      UserPoolAddOns: pool.UserPoolAddOns,
      AccountRecoverySetting: pool.AccountRecoverySetting,
      UserPoolTags: pool.UserPoolTags,
      DeletionProtection: pool.DeletionProtection,
      MfaConfiguration: pool.MfaConfiguration,
      ...change(pool),
    }),
  );
}
