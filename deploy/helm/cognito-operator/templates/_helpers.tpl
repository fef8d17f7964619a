{{- define "cognito-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cognito-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cognito-operator.labels" -}}
{{ include "cognito-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "cognito-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cognito-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Standby replicas are only safe with leader election, so more than one forces it on. */}}
{{- define "cognito-operator.leaderElect" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) -}}true{{- end -}}
{{- end -}}

{{/*
What the operator may do where it watches; the same rules as deploy/kustomize/cluster-role.yaml.
Each verb is one the operator calls (src/kube/client.ts); no wildcards.
*/}}
{{- define "cognito-operator.rules" -}}
# The kinds: list+watch feed the informers, get reads one object past the cache, patch
# writes finalizers and the external-id annotation. No create/delete: users own them.
- apiGroups: [cognito.operator.dev]
  resources: [userpools, appclients, identityproviders, resourceservers, identitypools, userpoolgroups, managedloginbrandings]
  verbs: [get, list, watch, patch]
# Conditions, identifiers and observedGeneration, written only through the status subresource.
- apiGroups: [cognito.operator.dev]
  resources: [userpools/status, appclients/status, identityproviders/status, resourceservers/status, identitypools/status, userpoolgroups/status, managedloginbrandings/status]
  verbs: [patch]
# An AppClient's output Secret has an ownerReference with blockOwnerDeletion, which the
# OwnerReferencesPermissionEnforcement admission plugin (OpenShift) allows only with update on
# the owner's finalizers.
- apiGroups: [cognito.operator.dev]
  resources: [appclients/finalizers]
  verbs: [update]
# AppClients' output Secrets: get, create, update, delete. list+watch: the Secrets that
# IdentityProviders reference, watched one by one with a metadata.name field selector.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, update, delete]
# SAML metadata documents that IdentityProviders reference; the asset files ManagedLoginBrandings
# and the hostedUi logos UserPools and AppClients reference, watched one by one with a
# metadata.name field selector.
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
# Events on the objects it manages.
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- end -}}

{{/*
Cluster-scoped reads for AWSAccountBindings, granted cluster-wide however namespaces are watched.
*/}}
{{- define "cognito-operator.accountRules" -}}
# AWSAccountBindings (cluster-scoped): read, never written. Only cluster RBAC can grant writing
# them, so a namespace's users cannot choose an AWS account; grant it to platform administrators only.
- apiGroups: [cognito.operator.dev]
  resources: [awsaccountbindings]
  verbs: [get, list, watch]
# A binding's status: its account and the namespaces it serves.
- apiGroups: [cognito.operator.dev]
  resources: [awsaccountbindings/status]
  verbs: [patch]
# Namespaces' labels decide which bindings (namespaceSelector) serve them.
- apiGroups: [""]
  resources: [namespaces]
  verbs: [list, watch]
{{- end -}}

{{/* AWS_RATE_LIMITS from a map: UserPoolRead=10,UserPoolClientRead=5 (keys sorted). */}}
{{- define "cognito-operator.rateLimits" -}}
{{- $pairs := list -}}
{{- range $category, $rps := . -}}
{{- $pairs = append $pairs (printf "%s=%v" $category $rps) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}
