# shellcheck shell=bash
# Shared by bin/run-demo, bin/test and .ci/run (sourced, not executed): finds the project root,
# creates .venv with Python 3.11 (or the newest python3 >= 3.11) when it is missing, and installs
# the project with its dev tools whenever pyproject.toml has changed since the last install.

VNTX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VNTX_VENV="$VNTX_ROOT/.venv"
VNTX_PY="$VNTX_VENV/bin/python"

vntx_log() {
  if [ -t 2 ]; then
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
  else
    printf '==> %s\n' "$*" >&2
  fi
}

vntx_pick_python() {
  local candidate
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' \
        >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  echo "error: VNTX needs Python 3.11 (3.11 to 3.13 work); install it and run this again." >&2
  return 1
}

vntx_ensure_venv() {
  cd "$VNTX_ROOT" || return 1
  if [ -x "$VNTX_PY" ] && ! "$VNTX_PY" -c 'import sys' >/dev/null 2>&1; then
    vntx_log "The virtualenv in .venv is broken (moved or its Python removed): recreating it"
    rm -rf "$VNTX_VENV"
  fi
  if [ ! -x "$VNTX_PY" ]; then
    local python
    python="$(vntx_pick_python)"
    vntx_log "Creating the virtualenv .venv with $python ($("$python" --version 2>&1))"
    "$python" -m venv "$VNTX_VENV"
  fi

  # Reinstall only when pyproject.toml changed (or the last install did not finish).
  local stamp="$VNTX_VENV/.vntx-installed" want have=""
  want="$("$VNTX_PY" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
    "$VNTX_ROOT/pyproject.toml")"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if [ "$want" != "$have" ]; then
    vntx_log "Installing VNTX and its dependencies into .venv (pip install -e '.[dev]')"
    rm -f "$stamp"
    "$VNTX_PY" -m pip install --quiet --disable-pip-version-check -e "${VNTX_ROOT}[dev]"
    echo "$want" >"$stamp"
  fi
}

# Compiles the gettext catalogues when GNU gettext is installed; the compiled .mo files are
# committed, so a machine without msgfmt still shows the Vietnamese interface.
vntx_compile_messages() {
  if command -v msgfmt >/dev/null 2>&1; then
    "$VNTX_PY" manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules \
      --verbosity 0
  fi
}

# The browser tests (tests/e2e, marker "browser") drive Debian's Chromium through Playwright;
# Playwright never downloads a browser here. Installs the package when it is missing and this
# shell may (root with apt-get); otherwise the browser tests fail and say what to install.
vntx_ensure_browser() {
  if [ -x "${VNTX_CHROMIUM:-/usr/bin/chromium}" ]; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    vntx_log "Installing Debian's chromium for the browser tests (apt-get install chromium)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    vntx_log "Chromium is missing: the browser tests need 'apt-get install chromium' (as root)"
  fi
}
