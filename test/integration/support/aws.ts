/** Direct access to the Cognito emulator, to check what the operator did and to change things behind its back. */
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolDescriptionType } from '@aws-sdk/client-cognito-identity-provider';
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
