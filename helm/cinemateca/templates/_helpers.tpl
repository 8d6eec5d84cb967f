{{/* The chart name, or nameOverride. */}}
{{- define "cinemateca.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name prefix: fullnameOverride, or <release>-<chart> (just <release> when it already holds the chart name). */}}
{{- define "cinemateca.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cinemateca.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "cinemateca.labels" -}}
helm.sh/chart: {{ include "cinemateca.chart" . }}
{{ include "cinemateca.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the API pods (never change them on upgrade: selectors are immutable). */}}
{{- define "cinemateca.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cinemateca.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "cinemateca.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cinemateca.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "cinemateca.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "cinemateca.secretName" -}}
{{- required "secrets.existingSecret must name an existing Secret with DATABASE_URL, JWT_SECRET and TMDB_API_TOKEN (secrets never go in values)" .Values.secrets.existingSecret }}
{{- end }}

{{/*
TRUST_PROXY: the ingress controller's addresses when the ingress is on, nothing when it is off. Trusting a hop
count instead would let any client that reaches the pods directly (or through another path) forge X-Forwarded-For,
and with it the per-IP limits.
*/}}
{{- define "cinemateca.trustProxy" -}}
{{- if .Values.ingress.enabled }}
{{- if not .Values.ingress.trustedProxies }}
{{- fail "ingress.trustedProxies must list the ingress controller's addresses (CIDRs) when ingress.enabled: without them every client would share the controller's IP" }}
{{- end }}
{{- join "," .Values.ingress.trustedProxies }}
{{- end }}
{{- end }}

{{/* The one place the sync mode is checked. */}}
{{- define "cinemateca.syncMode" -}}
{{- if not (has .Values.sync.mode (list "inProcess" "cronJob")) }}
{{- fail (printf "sync.mode must be inProcess or cronJob, not %q" .Values.sync.mode) }}
{{- end }}
{{- .Values.sync.mode }}
{{- end }}

{{/* Settings and credentials of the app containers (API pods and the import CronJob). */}}
{{- define "cinemateca.envFrom" -}}
- configMapRef:
    name: {{ include "cinemateca.fullname" . }}
- secretRef:
    name: {{ include "cinemateca.secretName" . }}
{{- end }}

{{/* Pod-level settings shared by the Deployment, the migration Job and the CronJob. */}}
{{- define "cinemateca.podCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end }}

{{/* PromQL series selector of this release: metrics.prometheusRule.selector, or the ServiceMonitor's job in the release namespace. */}}
{{- define "cinemateca.metricSelector" -}}
{{- default (printf "job=%q, namespace=%q" (include "cinemateca.fullname" .) .Release.Namespace) .Values.metrics.prometheusRule.selector }}
{{- end }}
