/**
 * The ManagedLoginBranding API: the managed login style (the sign-in pages users see) of one app
 * client. Enums and limits are those of the Cognito API reference (AssetType,
 * ManagedLoginBrandingType, CreateManagedLoginBranding).
 */
import { commonStatus, deletionPolicy, localRef, onceCreated, poolIdStatus, region, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, boolean, object, oneOf, Schema, string } from '../../api/schema';

export const AssetCategories = [
  'FAVICON_ICO',
  'FAVICON_SVG',
  'EMAIL_GRAPHIC',
  'SMS_GRAPHIC',
  'AUTH_APP_GRAPHIC',
  'PASSWORD_GRAPHIC',
  'PASSKEY_GRAPHIC',
  'PAGE_HEADER_LOGO',
  'PAGE_HEADER_BACKGROUND',
  'PAGE_FOOTER_LOGO',
  'PAGE_FOOTER_BACKGROUND',
  'PAGE_BACKGROUND',
  'FORM_BACKGROUND',
  'FORM_LOGO',
  'IDP_BUTTON_ICON',
] as const;
export const ColorModes = ['LIGHT', 'DARK', 'DYNAMIC'] as const;
export const AssetExtensions = ['ICO', 'JPEG', 'PNG', 'SVG', 'WEBP'] as const;

/** ManagedLoginBrandingType: at most 40 assets. */
export const MaxAssets = 40;

/** Kubernetes object names and ConfigMap keys. */
export const configMapKeyRef = object(
  {
    name: string('Name of the ConfigMap in the same namespace.', { minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' }).required(),
    key: string('Key of the file in the ConfigMap’s binaryData (or data, for text such as SVG).', { minLength: 1, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' }).required(),
  },
  'The ConfigMap key holding the image file. A change of the ConfigMap is applied at once.',
);

const asset = object(
  {
    category: oneOf(AssetCategories, 'Where managed login shows the image, such as PAGE_HEADER_LOGO or FAVICON_ICO.').required(),
    colorMode: oneOf(ColorModes, 'LIGHT or DARK: shown only in that display mode; DYNAMIC: shown in both (browser-adaptive).').required(),
    extension: oneOf(AssetExtensions, 'The file type of the image.').required(),
    configMapRef: configMapKeyRef.required(),
  },
  'An image file of the style, one per category and color mode.',
);

/** Free-form JSON: the document the branding editor exports, passed to AWS as it is. */
const settings = new Schema<Record<string, unknown>>({
  type: 'object',
  description:
    'The style’s settings: the JSON document the branding editor exports (components, categories...), applied as a whole. Exclusive with useCognitoProvidedValues: true; dropping it in favour of useCognitoProvidedValues resets the style to Cognito’s values.',
  'x-kubernetes-preserve-unknown-fields': true,
});

export const managedLoginBrandingSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Delete', 'a style holds no data and is re-created from this spec.'),
    appClientRef: localRef('the AppClient')
      .with({ description: 'Reference to the AppClient the style is for, in the same namespace; the style lives in that client’s user pool. Cannot be changed after creation.' })
      .required(),
    useCognitoProvidedValues: boolean('true: the style uses Cognito’s default look, with no settings or assets of its own. Exclusive with settings and assets.'),
    settings,
    assets: array(
      asset,
      `Image files (logos, backgrounds, icons), at most ${MaxAssets}, one per category and color mode. An asset removed from the spec is removed from the style; assets the spec never named (added in the branding editor) are kept.`,
      { maxItems: MaxAssets, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['category', 'colorMode'] },
    ),
  },
  'Desired state of the managed login branding style.',
)
  .rule(
    '(has(self.useCognitoProvidedValues) && self.useCognitoProvidedValues) != has(self.settings)',
    'set exactly one of useCognitoProvidedValues: true (Cognito’s default look) or settings (the branding editor’s JSON)',
  )
  .rule(
    '!(has(self.useCognitoProvidedValues) && self.useCognitoProvidedValues) || !has(self.assets) || size(self.assets) == 0',
    'assets cannot be combined with useCognitoProvidedValues: true (Cognito’s default look has no assets of its own); use settings instead',
  );

export const managedLoginBrandingStatus = object(
  {
    ...commonStatus,
    id: string('The ManagedLoginBrandingId: the AWS identifier the operator manages (as the external-id annotation holds it).'),
    clientId: string('The ID of the app client the style belongs to.'),
    userPoolId: poolIdStatus('the style’s app client'),
  },
  'What the operator observed and did.',
);

export type ManagedLoginBrandingSpec = Infer<typeof managedLoginBrandingSpec>;
export type ManagedLoginBrandingStatus = Infer<typeof managedLoginBrandingStatus>;
export type BrandingAsset = NonNullable<ManagedLoginBrandingSpec['assets']>[number];

export const managedLoginBrandingKind: KindDefinition = {
  kind: 'ManagedLoginBranding',
  plural: 'managedloginbrandings',
  shortName: 'cmlb',
  description: 'The managed login branding style of one Amazon Cognito app client: the look of its sign-in pages.',
  spec: managedLoginBrandingSpec.required(),
  status: managedLoginBrandingStatus,
  columns: [{ name: 'Client', type: 'string', jsonPath: '.spec.appClientRef.name', description: 'The AppClient the style is for.' }],
  objectRules: [
    onceCreated(unchangedRule('region'), 'region cannot be changed after creation: create a new ManagedLoginBranding in the other region instead'),
    onceCreated(
      unchangedRule('appClientRef'),
      'appClientRef cannot be changed after creation: a style belongs to one app client; create a new ManagedLoginBranding for the other client',
    ),
  ],
};
