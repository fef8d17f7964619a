/** Every kind the operator reconciles, built from what kinds may use. */
import type { Logger } from 'pino';
import type { AwsClients } from '../aws/clients';
import type { KubeApi } from '../kube/client';
import type { CommonSpec, ManagedKind, ObjectLookup } from '../reconciler/kind';
import { appClientKind } from './appclient/kind';
import { identityPoolKind } from './identitypool/kind';
import { identityProviderKind } from './identityprovider/kind';
import { managedLoginBrandingKind } from './managedloginbranding/kind';
import { resourceServerKind } from './resourceserver/kind';
import { userPoolKind } from './userpool/kind';
import { userPoolGroupKind } from './userpoolgroup/kind';

export interface KindDeps {
  aws: AwsClients;
  lookup: ObjectLookup;
  api: KubeApi;
  logger: Logger;
}

/** Calls `register` once per kind; generic per kind, so each keeps its own types. */
export interface KindRegistrar {
  register<S extends CommonSpec, O, R>(kind: ManagedKind<S, O, R>): void;
}

export function registerKinds(deps: KindDeps, registrar: KindRegistrar): void {
  registrar.register(userPoolKind(deps));
  registrar.register(appClientKind(deps));
  registrar.register(identityPoolKind(deps));
  registrar.register(identityProviderKind(deps));
  registrar.register(resourceServerKind(deps));
  registrar.register(userPoolGroupKind(deps));
  registrar.register(managedLoginBrandingKind(deps));
}
