#!/usr/bin/env bash
# peers.sh start|stop CONDITION - real RDP servers in known states on 127.0.0.1, for the
# integration tests (bot/src/test/.../it). Each condition has a fixed port; all state (keys,
# certificates, configs, logs, pids) lives in $RDPCHECK_IT_STATE/<condition> (default
# /tmp/rdpcheck-it). Keys and certificates are made at start; none is committed.
#
#   healthy  43890  xrdp, TLS required, TLS 1.2/1.3, CA-issued cert for localhost + 127.0.0.1
#   expired  43892  xrdp, TLS required, self-signed cert for localhost, expired 30 days ago
#   rdponly  43894  xrdp, Standard RDP Security only (security_layer=rdp)
#   nla      43896  FreeRDP shadow server, NLA (CredSSP) required, host name RDPTEST-NLA
#   silent   43898  accepts TCP, never answers
#   closed   43900  nothing listens
set -euo pipefail

STATE="${RDPCHECK_IT_STATE:-/tmp/rdpcheck-it}"
declare -A PORT=([healthy]=43890 [expired]=43892 [rdponly]=43894 [nla]=43896 [silent]=43898 [closed]=43900)

fail() { echo "peers.sh: $*" >&2; exit 1; }
listening() { ss -Hltn "sport = :$1" | grep -q .; }
await_listen() { for _ in $(seq $(($2 * 10))); do listening "$1" && return 0; sleep 0.1; done; return 1; }
remember() {
  local comm
  comm=$(cat "/proc/$2/comm" 2> /dev/null) || fail "process $2 exited right after starting (see the logs in $1)"
  echo "$2 $comm" >> "$1/pids"
}
when() { date -u -d "$1 days" +%Y%m%d%H%M%SZ; }

# self_signed DIR CN FROM_DAYS TO_DAYS: like the certificate Windows makes for RDP
self_signed() {
  local d=$1 cn=$2 ca="$1/selfsign"
  mkdir -p "$ca"; : > "$ca/index.txt"
  cat > "$ca/ca.cnf" <<CNF
[ca]
default_ca = own
[own]
dir = $ca
database = $ca/index.txt
new_certs_dir = $ca
rand_serial = yes
default_md = sha256
policy = any
unique_subject = no
x509_extensions = leaf
[any]
commonName = supplied
[leaf]
basicConstraints = CA:FALSE
keyUsage = keyEncipherment, dataEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$cn
CNF
  openssl req -new -newkey rsa:2048 -nodes -keyout "$d/server.key" -out "$d/server.csr" -subj "/CN=$cn" 2>/dev/null
  openssl ca -batch -config "$ca/ca.cnf" -selfsign -keyfile "$d/server.key" -in "$d/server.csr" \
    -out "$d/server.pem" -notext -startdate "$(when "$3")" -enddate "$(when "$4")" > /dev/null 2>&1 \
    || fail "openssl ca failed in $ca"
}

# ca_issued DIR: a test CA and a leaf for localhost / 127.0.0.1
ca_issued() {
  local d=$1
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout "$d/ca.key" -out "$d/ca.pem" \
    -subj "/CN=rdpcheck it CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout "$d/server.key" -out "$d/server.csr" -subj "/CN=localhost" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" > "$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -sha256 -days 30 \
    -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null
}

# xrdp_listen DIR PORT SECURITY_LAYER: a self-contained ini, xrdp in the foreground as user xrdp
xrdp_listen() {
  local d=$1 port=$2 layer=$3
  cat > "$d/xrdp.ini" <<INI
[Globals]
ini_version=1
fork=false
port=tcp://127.0.0.1:$port
security_layer=$layer
crypt_level=high
certificate=$d/server.pem
key_file=$d/server.key
ssl_protocols=TLSv1.2, TLSv1.3
max_bpp=32

[Logging]
LogFile=$d/xrdp.log
LogLevel=INFO
EnableSyslog=false

[Xorg]
name=Xorg
lib=libxup.so
username=ask
password=ask
ip=127.0.0.1
port=-1
code=20
INI
  local -a as_user=()
  if [ "$(id -u)" = 0 ] && id xrdp > /dev/null 2>&1; then
    chown -R xrdp: "$d"
    as_user=(setpriv --reuid=xrdp --regid=xrdp --clear-groups)
  fi
  "${as_user[@]}" xrdp --nodaemon -c "$d/xrdp.ini" > "$d/xrdp.out" 2>&1 < /dev/null &
  local pid=$!
  await_listen "$port" 30 || { kill "$pid" 2> /dev/null; cat "$d/xrdp.out" >&2; fail "xrdp did not listen on $port"; }
  remember "$d" "$pid"
}

shadow_listen() {
  local d=$1 port=$2
  winpr-hash -u rdptest -p 'Passw0rd!' -d TESTDOM -f sam > "$d/sam"
  # Xvfb picks a free display itself; another X server starting at the same moment can take it,
  # so a failed start is retried.
  local xvfb="" attempt
  for attempt in 1 2 3; do
    : > "$d/display"
    Xvfb -displayfd 9 -screen 0 1024x768x24 -nolisten tcp 9> "$d/display" > "$d/xvfb.log" 2>&1 < /dev/null &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$d/display" ] && break; kill -0 "$xvfb" 2> /dev/null || break; sleep 0.1; done
    sleep 0.3
    if [ -s "$d/display" ] && kill -0 "$xvfb" 2> /dev/null; then break; fi
    kill "$xvfb" 2> /dev/null || true
    xvfb=""
  done
  [ -n "$xvfb" ] || { cat "$d/xvfb.log" >&2; fail "Xvfb did not start after 3 attempts"; }
  remember "$d" "$xvfb"
  local -a uts=()
  if unshare --uts -- true 2> /dev/null; then uts=(unshare --uts -- sh -c 'hostname RDPTEST-NLA && exec "$@"' sh); fi
  HOME="$d" DISPLAY=":$(tr -d '\n' < "$d/display")" "${uts[@]}" \
    freerdp-shadow-cli /bind-address:127.0.0.1 /port:"$port" /sec:nla /sam-file:"$d/sam" > "$d/shadow.log" 2>&1 < /dev/null &
  local pid=$!
  await_listen "$port" 30 || { kill "$pid" 2> /dev/null; cat "$d/shadow.log" >&2; fail "freerdp-shadow-cli did not listen on $port"; }
  remember "$d" "$pid"
}

start() {
  local cond=$1 port=${PORT[$1]:-}
  [ -n "$port" ] || fail "unknown condition '$cond' (healthy expired rdponly nla silent closed)"
  local d="$STATE/$cond"
  [ -s "$d/pids" ] && stop "$cond"
  rm -rf "$d"; mkdir -p "$d"; chmod 755 "$STATE"
  listening "$port" && fail "port $port is already in use"
  case $cond in
    healthy) ca_issued "$d"; xrdp_listen "$d" "$port" tls ;;
    expired) self_signed "$d" localhost -210 -30; xrdp_listen "$d" "$port" tls ;;
    rdponly) self_signed "$d" localhost -1 180; xrdp_listen "$d" "$port" rdp ;;
    nla) shadow_listen "$d" "$port" ;;
    silent)
      socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr,fork SYSTEM:'sleep 600' > "$d/socat.log" 2>&1 < /dev/null &
      local pid=$!
      await_listen "$port" 5 || fail "socat did not listen on $port"
      remember "$d" "$pid" ;;
    closed) : ;;
  esac
  echo "$cond 127.0.0.1:$port"
}

stop() {
  local d="$STATE/$1"
  [ -f "$d/pids" ] || return 0
  tac "$d/pids" | while read -r pid comm; do
    [ "$(cat /proc/$pid/comm 2> /dev/null)" = "$comm" ] || continue
    pkill -TERM -P "$pid" 2> /dev/null || true
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 30); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    kill -KILL "$pid" 2> /dev/null || true
  done
  rm -f "$d/pids"
}

case "${1:-}" in
  start) shift; for c in "$@"; do start "$c"; done ;;
  stop) shift; [ $# -gt 0 ] || set -- "${!PORT[@]}"; for c in "$@"; do stop "$c"; done ;;
  port) echo "${PORT[$2]}" ;;
  *) echo "usage: peers.sh start|stop|port CONDITION..." >&2; exit 2 ;;
esac
