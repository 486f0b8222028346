{{- define "tokenjoule.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tokenjoule.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Selector labels: stable across upgrades. */}}
{{- define "tokenjoule.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tokenjoule.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: agent
{{- end -}}

{{- define "tokenjoule.labels" -}}
{{ include "tokenjoule.selectorLabels" . }}
app.kubernetes.io/part-of: tokenjoule
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "tokenjoule.webConfigSecret" -}}
{{- default (printf "%s-web-config" (include "tokenjoule.fullname" .)) .Values.webConfig.existingSecret -}}
{{- end -}}

{{/*
A probe's handler, given (dict "root" $ "path" "/healthz"). The probes answer without basic auth;
with TLS they speak HTTPS (kubelet skips verification). With client_auth_type
RequireAndVerifyClientCert kubelet, which has no client certificate, cannot finish the handshake,
so the probe only checks that the port accepts connections.
*/}}
{{- define "tokenjoule.probeHandler" -}}
{{- $web := .root.Values.webConfig -}}
{{- $tls := dict -}}
{{- if and $web.enabled (hasKey $web.content "tls_server_config") -}}
{{- $tls = get $web.content "tls_server_config" | default (dict) -}}
{{- end -}}
{{- if eq (get $tls "client_auth_type" | default "") "RequireAndVerifyClientCert" -}}
tcpSocket:
  port: metrics
{{- else -}}
httpGet:
  path: {{ .path }}
  port: metrics
  scheme: {{ if and $web.enabled (hasKey $web.content "tls_server_config") }}HTTPS{{ else }}HTTP{{ end }}
{{- end -}}
{{- end -}}
