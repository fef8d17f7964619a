//go:build tools

// Package tools pins the commands this module builds: helm from its own module, and the
// kstatus checker beside this file (./kstatus).
package tools

import _ "helm.sh/helm/v3/cmd/helm"
