/** Assembles a CustomResourceDefinition from a kind's spec and status schemas. */
import { Group, Version } from './group';
import type { JSONSchemaProps, Schema, ValidationRule } from './schema';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'date' | 'boolean';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface KindDefinition {
  kind: string;
  plural: string;
  shortName: string;
  description: string;
  spec: Schema<unknown, boolean>;
  status: Schema<unknown, boolean>;
  /** Columns between NAME and AGE. */
  columns: PrinterColumn[];
  /**
   * Rules on the whole object (see `onceCreated`): the only place CEL sees both spec and status,
   * for rules that depend on whether the AWS resource exists yet.
   */
  objectRules?: ValidationRule[];
  /**
   * `Cluster` for a kind that is configuration rather than an AWS resource (AWSAccountBinding):
   * no namespace, and no Ready column since nothing is reconciled into AWS. Default `Namespaced`.
   */
  scope?: 'Namespaced' | 'Cluster';
}

/** The apiextensions.k8s.io/v1 object, ready to serialize. */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[]; categories: string[] };
    scope: 'Namespaced' | 'Cluster';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
      schema: { openAPIV3Schema: JSONSchemaProps };
    }[];
  };
}

export const readyColumn: PrinterColumn = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  description: 'Whether AWS matches the spec and the resource can be used.',
};

const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

export function customResourceDefinition(def: KindDefinition): CustomResourceDefinition {
  const singular = def.kind.toLowerCase();
  const scope = def.scope ?? 'Namespaced';
  const leading = scope === 'Namespaced' ? [readyColumn] : [];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${Group}` },
    spec: {
      group: Group,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular,
        shortNames: [def.shortName],
        categories: ['cognito'],
      },
      scope,
      versions: [
        {
          name: Version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [...leading, ...def.columns, ageColumn],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: def.description,
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this object.' },
                kind: { type: 'string', description: 'Kind is a string value representing the REST resource.' },
                metadata: { type: 'object' },
                spec: def.spec.props,
                status: def.status.props,
              },
              ...(def.objectRules && def.objectRules.length > 0 ? { 'x-kubernetes-validations': def.objectRules } : {}),
            },
          },
        },
      ],
    },
  };
}
