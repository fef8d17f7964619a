/**
 * `hostedUi` of UserPool (every client, ClientId ALL) and AppClient (one client): the classic
 * hosted UI's CSS and logo (SetUICustomization). Limits are those of the Cognito API reference.
 */
import type { Infer } from '../../api/schema';
import { object, string } from '../../api/schema';
import { configMapKeyRef } from '../managedloginbranding/schema';

/** SetUICustomization's CSS: at most 131072 characters. */
export const MaxCss = 131072;

/** The hostedUi section, described for the pool or for one client. */
export function hostedUiSchema(description: string) {
  return object(
    {
      css: string('CSS of the classic hosted UI (the classes AWS documents, such as .banner-customizable).', { maxLength: MaxCss }),
      logoConfigMapRef: configMapKeyRef.with({
        description: 'The logo: a PNG or JPEG of at most 100 KB in a key of a ConfigMap in the same namespace (kubectl create configmap --from-file). A change of the ConfigMap is applied at once.',
      }),
    },
    description,
  );
}

/** The status field: AWS returns the logo as a URL, so the bytes applied are known by their fingerprint. */
export const hostedUiLogoFingerprint = string(
  'SHA-256 of the hostedUi logo last applied: AWS returns the logo as a URL, so a changed ConfigMap is told from an unchanged one by it.',
);

export type HostedUiSpec = Infer<ReturnType<typeof hostedUiSchema>>;
