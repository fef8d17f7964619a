/** Every kind this operator serves, in dependency order. */
import type { KindDefinition } from './crd';
import { awsAccountBindingKind } from '../accounts/schema';
import { appClientKind } from '../resources/appclient/schema';
import { identityPoolKind } from '../resources/identitypool/schema';
import { identityProviderKind } from '../resources/identityprovider/schema';
import { managedLoginBrandingKind } from '../resources/managedloginbranding/schema';
import { resourceServerKind } from '../resources/resourceserver/schema';
import { userPoolKind } from '../resources/userpool/schema';
import { userPoolGroupKind } from '../resources/userpoolgroup/schema';

export const kinds: readonly KindDefinition[] = [userPoolKind, appClientKind, identityProviderKind, resourceServerKind, identityPoolKind, userPoolGroupKind, managedLoginBrandingKind, awsAccountBindingKind];
