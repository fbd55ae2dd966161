#!/usr/bin/env bash
# peers.sh start|stop CONDITION - real RDP servers in known states on 127.0.0.1, for the
# integration tests (app/src/test/.../it). Each condition has a fixed port; all state (keys,
# certificates, configs, logs, pids) lives in $RDPCHECK_IT_STATE/<condition> (default
# /tmp/rdpcheck-it). Keys and certificates are made at start; none is committed.
#
#   healthy  23890  xrdp, TLS required, TLS 1.2/1.3, CA-issued cert for localhost + 127.0.0.1
#   expired  23892  xrdp, TLS required, self-signed cert for localhost, expired 30 days ago
#   rdponly  23894  xrdp, Standard RDP Security only (security_layer=rdp)
#   nla      23896  FreeRDP shadow server, NLA (CredSSP) required, host name RDPTEST-NLA
#   silent   23898  accepts TCP, never answers
#   closed   23900  nothing listens
#
# The ports sit below Linux's ephemeral range (32768-60999): inside it, any outgoing connection or
# any test listener bound to port 0 on the machine may hold the port when a server wants to bind it
# (seen on lo: another test's connection from 127.0.0.1:43896, the NLA peer's old port).
#
# A server counts as started only when the process we started listens on its port and answers an
# X.224 Connection Request with a Connection Confirm (a socket listening there proves neither: it may
# be a leftover of an earlier run). One that dies at start or stays mute is stopped, its log shown,
# and started again (3 attempts).
set -euo pipefail

STATE="${RDPCHECK_IT_STATE:-/tmp/rdpcheck-it}"
declare -A PORT=([healthy]=23890 [expired]=23892 [rdponly]=23894 [nla]=23896 [silent]=23898 [closed]=23900)
ATTEMPTS=3

fail() { echo "peers.sh: $*" >&2; exit 1; }
note() { echo "peers.sh: $*" >&2; }
# Not `ss | grep -q`: under pipefail grep's early exit can SIGPIPE ss and read as "not listening".
listening() { [ -n "$(ss -Hltn "sport = :$1")" ]; }
# owns PID PORT: PID itself listens on PORT (not a leftover from an earlier run that still holds it)
owns() { [[ $(ss -Hltnp "sport = :$2") == *"pid=$1,"* ]]; }
# alive PID: running and not a zombie (kill -0 succeeds on a zombie)
alive() { local s; s=$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1) && [ -n "$s" ] && [ "$s" != Z ]; }
remember() { echo "$2 $(cat "/proc/$2/comm")" >> "$1/pids"; }
when() { date -u -d "$1 days" +%Y%m%d%H%M%SZ; }

# x224_answers PORT: sends an X.224 Connection Request carrying RDP_NEG_REQ (TLS|HYBRID) and
# succeeds only on a TPKT-framed X.224 Connection Confirm (03 00 .. .. LI d0): the server's RDP stack
# runs, not just its socket. Bounded: 3 s for connect and answer.
x224_answers() {
  local hex
  hex=$(timeout 3 bash -c 'exec 3<> "/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x03\x00\x00\x13\x0e\xe0\x00\x00\x00\x00\x00\x01\x00\x08\x00\x03\x00\x00\x00" >&3
    head -c 11 <&3' _ "$1" 2> /dev/null | od -An -tx1 | tr -d ' \n') || true
  [[ $hex == 0300* && ${hex:10:2} == d0 ]]
}
# tcp_accepts PORT: the three-way handshake completes (for the silent peer, which never answers)
tcp_accepts() { timeout 3 bash -c 'exec 3<> "/dev/tcp/127.0.0.1/$1"' _ "$1" 2> /dev/null; }

# await_ready PID PORT CHECK SECONDS: until PID listens on PORT and CHECK PORT succeeds; gives up at
# once if PID dies.
await_ready() {
  local pid=$1 port=$2 check=$3 until=$((SECONDS + $4))
  while [ $SECONDS -lt $until ]; do
    alive "$pid" || { note "pid $pid exited before answering on $port"; return 1; }
    owns "$pid" "$port" && "$check" "$port" && return 0
    sleep 0.2
  done
  note "nothing answered on $port in $4 s"
  return 1
}

# end_pid PID: TERM, up to 3 s, then KILL, and wait until it is gone (its port and X display free)
end_pid() {
  local pid=$1
  kill -TERM "$pid" 2> /dev/null || return 0
  for _ in $(seq 30); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null || true
  for _ in $(seq 50); do alive "$pid" || return 0; sleep 0.1; done
}

descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

show_log() { local f; for f in "$@"; do [ -s "$f" ] && { echo "--- $f (last 30 lines)"; tail -30 "$f"; } >&2; done; return 0; }

# retry WHAT FUNCTION ARGS...: FUNCTION starts one server and returns non-zero (having shown its log)
# when it did not come up; a start that crashes (Xvfb display races, a port not yet free) gets fresh tries.
retry() {
  local what=$1 n; shift
  for n in $(seq $ATTEMPTS); do
    "$@" && { [ "$n" = 1 ] || note "$what started at attempt $n"; return 0; }
    note "$what: attempt $n of $ATTEMPTS failed"
  done
  fail "$what did not start after $ATTEMPTS attempts (logs above)"
}

# xvfb_of PID: the Xvfb serving the X display in PID's environment (a leftover shadow server's)
xvfb_of() {
  local display pid
  display=$(tr '\0' '\n' < "/proc/$1/environ" 2> /dev/null | sed -n 's/^DISPLAY=:\([0-9]*\).*/\1/p')
  [ -n "$display" ] || return 0
  for pid in $(ss -Hxlp | grep -F "@/tmp/.X11-unix/X$display " | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    [ "$(cat "/proc/$pid/comm" 2> /dev/null)" = Xvfb ] && echo "$pid"
  done
  return 0
}

# free_port COND PORT: a leftover peer still holding the port (its state dir lost, an interrupted run
# of another checkout) is stopped; anything else holding it is an error that names it.
free_port() {
  local cond=$1 port=$2 pid comm args
  listening "$port" || return 0
  for pid in $(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    comm=$(cat "/proc/$pid/comm" 2> /dev/null) || continue
    args=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null) || continue
    case "$comm|$args" in
      "xrdp|"*"--nodaemon -c "*"/$cond/xrdp.ini"* | "freerdp-shadow-|"*"/port:$port "* | "socat|"*"TCP-LISTEN:$port,"*)
        note "stopping leftover $comm (pid $pid) on port $port"
        local x=""
        [ "$comm" = freerdp-shadow- ] && x=$(xvfb_of "$pid")
        end_pid "$pid"
        [ -z "$x" ] || { note "stopping its Xvfb (pid $x)"; end_pid "$x"; } ;;
      *) fail "port $port is held by pid $pid ($args), not by a peer of ours" ;;
    esac
  done
  for _ in $(seq 30); do listening "$port" || return 0; sleep 0.1; done
  fail "port $port is still in use: $(ss -Hltnp "sport = :$port")"
}

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
  AS_USER=()
  if [ "$(id -u)" = 0 ] && id xrdp > /dev/null 2>&1; then
    chown -R xrdp: "$d"
    AS_USER=(setpriv --reuid=xrdp --regid=xrdp --clear-groups)
  fi
  retry "xrdp on $port" xrdp_once "$d" "$port"
}

xrdp_once() {
  local d=$1 port=$2 pid
  "${AS_USER[@]}" xrdp --nodaemon -c "$d/xrdp.ini" > "$d/xrdp.out" 2>&1 < /dev/null &
  pid=$!
  if await_ready "$pid" "$port" x224_answers 30; then remember "$d" "$pid"; return 0; fi
  end_pid "$pid"
  show_log "$d/xrdp.out" "$d/xrdp.log"
  return 1
}

shadow_listen() {
  local d=$1 port=$2
  winpr-hash -u rdptest -p 'Passw0rd!' -d TESTDOM -f sam > "$d/sam"
  retry "freerdp-shadow-cli on $port" shadow_once "$d" "$port"
}

# shadow_once DIR PORT: a fresh Xvfb, then the shadow server on it. When the shadow server exits
# (it does at once if it cannot open the display) both are stopped; the next attempt starts anew.
shadow_once() {
  local d=$1 port=$2 xvfb pid display
  : > "$d/display"
  # Xvfb picks a free display itself (-displayfd) and writes its number once it accepts clients.
  # -noreset: the shadow server opens the display once to list the monitors, closes it, and opens it
  # again; without it Xvfb resets when that first (and only) client leaves, and the second open fails
  # during the reset ("failed to open display"): 3 of 8 starts under CPU load, 0 of 33 with -noreset.
  Xvfb -displayfd 9 -screen 0 1024x768x24 -nolisten tcp -noreset 9> "$d/display" > "$d/xvfb.log" 2>&1 < /dev/null &
  xvfb=$!
  for _ in $(seq 200); do [ -s "$d/display" ] && break; alive "$xvfb" || break; sleep 0.1; done
  display=$(tr -d '\n' < "$d/display")
  if [ -z "$display" ] || ! alive "$xvfb"; then
    note "Xvfb did not start (display '${display}')"
    end_pid "$xvfb"; show_log "$d/xvfb.log"; return 1
  fi
  local -a uts=()
  if unshare --uts -- true 2> /dev/null; then uts=(unshare --uts -- sh -c 'hostname RDPTEST-NLA && exec "$@"' sh); fi
  HOME="$d" DISPLAY=":$display" "${uts[@]}" \
    freerdp-shadow-cli /bind-address:127.0.0.1 /port:"$port" /sec:nla /sam-file:"$d/sam" > "$d/shadow.log" 2>&1 < /dev/null &
  pid=$!
  if await_ready "$pid" "$port" x224_answers 30; then
    remember "$d" "$xvfb"; remember "$d" "$pid"; return 0
  fi
  end_pid "$pid"; end_pid "$xvfb"
  show_log "$d/shadow.log" "$d/xvfb.log"
  return 1
}

silent_once() {
  local d=$1 port=$2 pid
  socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr,fork SYSTEM:'sleep 600' > "$d/socat.log" 2>&1 < /dev/null &
  pid=$!
  if await_ready "$pid" "$port" tcp_accepts 10; then remember "$d" "$pid"; return 0; fi
  end_pid "$pid"; show_log "$d/socat.log"; return 1
}

start() {
  local cond=$1 port=${PORT[$1]:-}
  [ -n "$port" ] || fail "unknown condition '$cond' (healthy expired rdponly nla silent closed)"
  local d="$STATE/$cond"
  [ -s "$d/pids" ] && stop "$cond"
  rm -rf "$d"; mkdir -p "$d"; chmod 755 "$STATE"
  free_port "$cond" "$port"
  case $cond in
    healthy) ca_issued "$d"; xrdp_listen "$d" "$port" tls ;;
    expired) self_signed "$d" localhost -210 -30; xrdp_listen "$d" "$port" tls ;;
    rdponly) self_signed "$d" localhost -1 180; xrdp_listen "$d" "$port" rdp ;;
    nla) shadow_listen "$d" "$port" ;;
    silent) retry "socat on $port" silent_once "$d" "$port" ;;
    closed) : ;;
  esac
  echo "$cond 127.0.0.1:$port"
}

stop() {
  local d="$STATE/$1" pid comm child
  [ -f "$d/pids" ] || return 0
  while read -r pid comm; do
    [ "$(cat "/proc/$pid/comm" 2> /dev/null)" = "$comm" ] || continue
    # socat's per-connection children (and their `sleep`) too: they would hold accepted sockets for 10 min
    for child in $(descendants "$pid"); do kill -TERM "$child" 2> /dev/null || true; done
    end_pid "$pid"
  done < <(tac "$d/pids")
  rm -f "$d/pids"
}

case "${1:-}" in
  start) shift; for c in "$@"; do start "$c"; done ;;
  stop) shift; [ $# -gt 0 ] || set -- "${!PORT[@]}"; for c in "$@"; do stop "$c"; done ;;
  port) echo "${PORT[$2]}" ;;
  *) echo "usage: peers.sh start|stop|port CONDITION..." >&2; exit 2 ;;
esac
