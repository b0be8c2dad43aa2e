#!/usr/bin/env bash
# Builds the service images with the names and tags of kustomization.yaml (its 'images:' list is the one place
# for them), from the repository root as the build context.
#   deploy/k8s/build-images.sh            CPU images: generator-service, trainer-service, decoder-service
#   deploy/k8s/build-images.sh --cuda     also the GPU trainer (./mvnw -Pcuda: a 2.46 GB CUDA natives jar)
# Then push them (docker push NAME:TAG) where the cluster pulls from, or load them into a kind/minikube node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KUSTOMIZATION="$ROOT/deploy/k8s/kustomization.yaml"
cd "$ROOT"

# image KEY -> "newName:newTag" from kustomization.yaml's images list
image_of() {
  awk -v key="$1" '
    /^images:/ { in_images = 1; next }
    in_images && /^[^ #-]/ { in_images = 0 }
    in_images && $1 == "-" && $2 == "name:" { name = $3; next }
    in_images && $1 == "newName:" && name == key { repo = $2 }
    in_images && $1 == "newTag:" && name == key { tag = $2 }
    END { if (repo == "" || tag == "") exit 1; print repo ":" tag }' "$KUSTOMIZATION" \
    || { echo "no image '$1' in $KUSTOMIZATION" >&2; exit 1; }
}

build() { # KEY MODULE
  local image; image="$(image_of "$1")"
  echo "== $image from $2/src/main/docker/Dockerfile.jvm"
  DOCKER_BUILDKIT=1 docker build -f "$2/src/main/docker/Dockerfile.jvm" -t "$image" .
}

./mvnw -B -q package -DskipTests -pl generator-service,trainer-service,decoder-service -am
build generator-service generator-service
build trainer-service trainer-service
build decoder-service decoder-service

if [[ "${1:-}" == "--cuda" ]]; then
  # rebuilds trainer-service/target/quarkus-app with the CUDA natives; rebuild the CPU image before this, not after
  ./mvnw -B -q -Pcuda package -DskipTests -pl trainer-service -am
  build trainer-service-cuda trainer-service
fi
