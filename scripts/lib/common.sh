# Shared helpers for scripts/*. Sourced, not run.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_swift() {
  command -v swift >/dev/null 2>&1 || die "swift is not on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/) first"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages that are missing; does nothing when all are present.
APT_UPDATED=0
ensure_apt() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A Python virtualenv in .venv with the test tools (selenium for the browser test and
# axe-selenium-python, which carries axe-core, for its accessibility checks; pyyaml to
# read the line-of-sight export there, schemathesis for the API probe; its hypothesis is
# pinned below 6.125, whose strategies schemathesis 3 cannot drive; aiosmtpd is the test
# SMTP server; zxing-cpp with Pillow reads the QR codes the pages draw back from a screenshot;
# pypdf reads the text of the PDF report back; oidc-provider-mock is the OpenID Connect provider
# the browser test signs in through; numpy and scipy compute the analyses again, independently).
ensure_venv() {
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then ensure_apt python3-venv; fi
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
  fi
  if ! .venv/bin/python -c 'import selenium, yaml, schemathesis, axe_selenium_python, aiosmtpd, zxingcpp, PIL, pypdf, oidc_provider_mock, numpy, scipy' >/dev/null 2>&1; then
    log "installing selenium, axe-selenium-python, pyyaml, schemathesis, aiosmtpd, zxing-cpp, Pillow, pypdf, oidc-provider-mock, numpy and scipy into .venv"
    .venv/bin/pip install -q --disable-pip-version-check 'selenium>=4.15,<5' 'axe-selenium-python>=2.1.6,<3' 'pyyaml>=6' \
      'schemathesis>=3.39,<4' 'hypothesis>=6.108,<6.125' 'aiosmtpd>=1.4,<2' 'zxing-cpp>=2.2,<4' 'Pillow>=10,<14' 'pypdf>=4,<7' \
      'oidc-provider-mock>=0.3.4,<0.4' 'numpy>=1.26,<3' 'scipy>=1.13,<2'
  fi
}

SMTPDIR=""
SMTP_PID=""
# Starts the test SMTP server (aiosmtpd: plain, STARTTLS and implicit TLS on free ports, with
# a fresh self-signed certificate) and exports CDNA_TEST_SMTP_SERVER, the file naming them.
start_smtp() {
  SMTPDIR=$(mktemp -d /tmp/cdna-smtp.XXXXXX)
  .venv/bin/python Tests/mail/smtp_server.py --spool "$SMTPDIR/spool" > "$SMTPDIR/server.json" 2> "$SMTPDIR/server.log" &
  SMTP_PID=$!
  for _ in $(seq 1 100); do
    [ -s "$SMTPDIR/server.json" ] && break
    kill -0 "$SMTP_PID" 2>/dev/null || die "the test SMTP server did not start: $(cat "$SMTPDIR/server.log")"
    sleep 0.1
  done
  [ -s "$SMTPDIR/server.json" ] || die "the test SMTP server did not start within 10 s"
  export CDNA_TEST_SMTP_SERVER="$SMTPDIR/server.json"
  log "test SMTP server: $(cat "$SMTPDIR/server.json")"
}

stop_smtp() {
  [ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null || true
  [ -n "$SMTPDIR" ] && rm -rf "$SMTPDIR"
  SMTP_PID=""
  SMTPDIR=""
}

PGBIN=""
PGDIR=""
# Starts a throw-away PostgreSQL cluster on a free port and exports CDNA_TEST_POSTGRES_URL.
start_postgres() {
  ensure_apt postgresql
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PGBIN/initdb" ] || die "initdb not found under /usr/lib/postgresql/*/bin"
  PGDIR=$(mktemp -d /tmp/cdna-pg.XXXXXX)
  local port; port=$(free_port)
  local run=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; run=(runuser -u postgres --); fi
  log "starting PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $3}')) on port $port"
  "${run[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${run[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $PGDIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export CDNA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}

stop_postgres() {
  [ -n "$PGDIR" ] || return 0
  local run=()
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
  PGDIR=""
}
