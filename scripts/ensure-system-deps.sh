#!/usr/bin/env bash
# Installs the Debian packages the report pipeline needs (notebook execution, headless printing, PDF checks)
# when any is missing. Quiet when everything is present, so `npm run report` can always call it.
# With --tests (npm test's pretest) or --notebook (npm run notebook) also Debian's classic Jupyter Notebook,
# which the browser test serves and a reader opens the notebooks in. With --tests also clang and lld: a test
# rebuilds our wasm SIMD kernels (src/backend/simd/*.c) and checks the committed binary is what they give.
set -euo pipefail

packages="jupyter-nbconvert python3-nbclient python3-ipykernel chromium poppler-utils"
missing=()
if [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--notebook" ]; then
  packages="$packages jupyter-notebook"
  [ -x /usr/bin/jupyter-notebook ] || missing+=("jupyter-notebook")
fi
if [ "${1:-}" = "--tests" ]; then
  packages="$packages clang lld"
  command -v clang >/dev/null 2>&1 || missing+=("clang")
  command -v wasm-ld >/dev/null 2>&1 || missing+=("lld")
fi
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=("jupyter-nbconvert")
# The python3 on PATH may be a pyenv one; the pipeline always uses Debian's.
/usr/bin/python3 -c 'import nbclient, nbformat' >/dev/null 2>&1 || missing+=("python3-nbclient")
/usr/bin/python3 -c 'import ipykernel' >/dev/null 2>&1 || missing+=("python3-ipykernel")
if [ -n "${CHROMIUM_PATH:-}" ]; then
  # apt-get cannot fix a wrong path: say so and stop, before installing anything.
  if [ ! -f "$CHROMIUM_PATH" ] || [ ! -x "$CHROMIUM_PATH" ]; then
    echo "ensure-system-deps: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; point it at a Chromium (e.g. /usr/bin/chromium) or unset it to use Debian's" >&2
    exit 1
  fi
else
  [ -x /usr/bin/chromium ] || missing+=("chromium")
fi
for tool in pdftotext pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { missing+=("poppler-utils"); break; }
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-system-deps: missing ${missing[*]}; installing: $packages" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: apt-get not found; install the equivalents of: $packages" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-system-deps: not root and no sudo; run as root: apt-get update && apt-get install -y $packages" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq $packages
