//go:build tools

// Package tools pins the commands this module builds: helm from its own module, and the
// kstatus checker and the argocd-health runner beside this file (./kstatus, ./argocd-health).
package tools

import _ "helm.sh/helm/v3/cmd/helm"
