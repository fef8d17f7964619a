/** Direct access to the Cognito emulator, to check what the operator did and to change things behind its back. */
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolDescriptionType } from '@aws-sdk/client-cognito-identity-provider';

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
