{{/*
Chart name, overridable with nameOverride.
*/}}
{{- define "opssight.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name (63 chars max, the DNS label limit).
*/}}
{{- define "opssight.fullname" -}}
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

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "opssight.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "opssight.labels" -}}
helm.sh/chart: {{ include "opssight.chart" . }}
{{ include "opssight.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: opssight
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "opssight.selectorLabels" -}}
app.kubernetes.io/name: {{ include "opssight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "opssight.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "opssight.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Headless Service used by Hazelcast discovery (name kept within 63 chars).
*/}}
{{- define "opssight.headlessServiceName" -}}
{{- printf "%s-hazelcast" (include "opssight.fullname" . | trunc 53 | trimSuffix "-") }}
{{- end }}

{{/*
Secret holding the DB password and bootstrap admin token.
*/}}
{{- define "opssight.secretName" -}}
{{- default (include "opssight.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Secret holding the JMX password and access files.
*/}}
{{- define "opssight.jmxSecretName" -}}
{{- default (printf "%s-jmx" (include "opssight.fullname" . | trunc 59 | trimSuffix "-")) .Values.jmx.existingSecret }}
{{- end }}

{{/*
Container image reference.
*/}}
{{- define "opssight.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/*
Where the init container puts the JMX credential files for the JVM.
*/}}
{{- define "opssight.jmxDir" -}}
/var/run/opssight/jmx
{{- end }}

{{/*
JDK_JAVA_OPTIONS: javaOpts plus, when enabled, the remote JMX options.
*/}}
{{- define "opssight.javaOpts" -}}
{{- $opts := list }}
{{- with .Values.javaOpts }}
{{- $opts = append $opts . }}
{{- end }}
{{- if .Values.jmx.enabled }}
{{- $dir := include "opssight.jmxDir" . }}
{{- $ssl := .Values.jmx.ssl.enabled | toString }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.port=%v" .Values.jmx.port) }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.rmi.port=%v" .Values.jmx.port) }}
{{- $opts = append $opts "-Dcom.sun.management.jmxremote.authenticate=true" }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.password.file=%s/jmxremote.password" $dir) }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.access.file=%s/jmxremote.access" $dir) }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.ssl=%s" $ssl) }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.registry.ssl=%s" $ssl) }}
{{- if .Values.jmx.ssl.enabled }}
{{- $opts = append $opts (printf "-Dcom.sun.management.jmxremote.ssl.need.client.auth=%s" (.Values.jmx.ssl.needClientAuth | toString)) }}
{{- end }}
{{- with .Values.jmx.rmiHostname }}
{{- $opts = append $opts (printf "-Djava.rmi.server.hostname=%s" .) }}
{{- end }}
{{- end }}
{{- join " " $opts }}
{{- end }}

{{/*
OPSSIGHT_MICRO_ARGS: Kubernetes cluster mode (when enabled) plus microArgs.
*/}}
{{- define "opssight.microArgs" -}}
{{- $args := list }}
{{- if .Values.cluster.enabled }}
{{- $args = append $args (printf "--clustermode kubernetes:%s,%s" .Release.Namespace (include "opssight.headlessServiceName" .)) }}
{{- $args = append $args (printf "--startPort %v" .Values.cluster.port) }}
{{- end }}
{{- with .Values.microArgs }}
{{- $args = append $args . }}
{{- end }}
{{- join " " $args }}
{{- end }}
