#!/usr/bin/env bash
# Installs what the tests in a real VS Code need on a fresh Debian 12 machine: Debian's
# chromium (the workbench client), ripgrep (VS Code's search binary, which its npm package would
# otherwise download from GitHub), build tools for code-server's native modules, and
# code-server 4.100.3 itself from the npm registry into test/vscode-host. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if ((${#need[@]})); then
  echo "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x test/vscode-host/node_modules/.bin/code-server ]; then
  # @vscode/ripgrep's postinstall looks for this tarball before it tries GitHub: give it Debian's rg.
  export TMPDIR="${TMPDIR:-/tmp}"
  cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$tarball" ]; then
    mkdir -p "$cache"
    tmp=$(mktemp -d)
    cp "$(command -v rg)" "$tmp/rg"
    tar -czf "$tarball" -C "$tmp" rg
    rm -rf "$tmp"
  fi
  # Native modules (argon2, kerberos, node-pty, ...) are built by node-gyp, which downloads Node's
  # headers from nodejs.org unless told where the installed Node keeps them.
  if [ -z "${npm_config_nodedir:-}" ]; then
    nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    if [ ! -f "$nodedir/include/node/node.h" ]; then
      echo "Node's headers are not in $nodedir/include/node: install a Node build that has them, or set npm_config_nodedir" >&2
      exit 1
    fi
    export npm_config_nodedir="$nodedir"
  fi
  # node-pty's postinstall runs npx; code-server's refuses to run as root without unsafe-perm.
  # npm 11 runs dependency install scripts only with a notice unless allowScripts (in
  # test/vscode-host/package.json) approves them, and refuses them under strict-allow-scripts.
  # code-server's postinstall runs two more `npm install`s (lib/vscode, its extensions) whose
  # package.json have no allowScripts, so strict mode is turned off for this install.
  (cd test/vscode-host && npm_config_yes=true npm_config_unsafe_perm=true npm_config_strict_allow_scripts=false \
    npm_config_update_notifier=false npm ci --no-audit --no-fund)
fi
echo "code-server $(node -p "require('./test/vscode-host/node_modules/code-server/package.json').version")"
