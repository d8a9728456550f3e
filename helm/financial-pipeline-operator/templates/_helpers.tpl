{{/* The release's full name, at most 63 characters. */}}
{{- define "fpo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Cluster-scoped objects carry the release namespace too: two releases may share a name. */}}
{{- define "fpo.clusterName" -}}
{{- printf "%s-%s" (include "fpo.fullname" .) .Release.Namespace | trunc 253 | trimSuffix "-" -}}
{{- end -}}

{{- define "fpo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "fpo.labels" -}}
{{ include "fpo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: financial-pipeline
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "fpo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fpo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "fpo.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
The rules the operator needs on FinancialPipelines and their Events in every watched namespace
(found by running it under exactly these rules: see e2e/README.md). Secrets only on request.
*/}}
{{- define "fpo.pipelineRules" -}}
- apiGroups: ["finpipe.dev"]
  resources: ["financialpipelines"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["finpipe.dev"]
  resources: ["financialpipelines/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "patch"]
{{- if .Values.rbac.readCredentialsSecrets }}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end }}
{{- if .Values.rbac.writeOutputsConfigMaps }}
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update", "delete"]
{{- end }}
{{- end -}}

{{/*
Sharding (docs/SCALING.md). Called with (dict "root" $ "shard" i). Kubernetes label selectors are ANDed and cannot
say "label missing OR in (0)"; but "notin" also matches objects without the key
(https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement), so shard 0 takes
every pipeline not claimed by shards 1..N-1: no label, 0, or a value no shard has.
*/}}
{{- define "fpo.shardName" -}}
{{- if eq (int .root.Values.shards) 1 -}}
{{- include "fpo.fullname" .root -}}
{{- else -}}
{{- printf "%s-shard-%d" (include "fpo.fullname" .root | trunc 55 | trimSuffix "-") (int .shard) -}}
{{- end -}}
{{- end -}}

{{/* The --selector of one shard: the release's selector and the shard's requirement, ANDed; empty: all. */}}
{{- define "fpo.shardSelector" -}}
{{- $parts := list -}}
{{- with .root.Values.selector -}}{{- $parts = append $parts . -}}{{- end -}}
{{- $n := int .root.Values.shards -}}
{{- if gt $n 1 -}}
{{- if eq (int .shard) 0 -}}
{{- $others := list -}}
{{- range $i := untilStep 1 $n 1 -}}{{- $others = append $others (toString $i) -}}{{- end -}}
{{- $parts = append $parts (printf "finpipe.dev/shard notin (%s)" (join "," $others)) -}}
{{- else -}}
{{- $parts = append $parts (printf "finpipe.dev/shard in (%d)" (int .shard)) -}}
{{- end -}}
{{- end -}}
{{- join "," $parts -}}
{{- end -}}

{{/* The leader-election Lease of one shard: the operator's default name without sharding. */}}
{{- define "fpo.leaseName" -}}
{{- if eq (int .root.Values.shards) 1 -}}
financial-pipeline-operator
{{- else -}}
{{- printf "financial-pipeline-operator-shard-%d" (int .shard) -}}
{{- end -}}
{{- end -}}
