/** Every kind this operator serves, in dependency order. */
import type { KindDefinition } from './crd';
import { userPoolKind } from '../resources/userpool/schema';

export const kinds: readonly KindDefinition[] = [userPoolKind];
