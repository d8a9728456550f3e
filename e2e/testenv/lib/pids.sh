# Sourced by e2e/testenv/{up,down,restart-apiserver}. A PID file is trusted only while the process it names is
# still the one the ground started: its command line must carry that component's mark (PIDs are reused, and a
# stale file could otherwise make `down` kill an unrelated process).

# mark STATE NAME: a string only the command line of that component of the ground at STATE contains.
mark() {
  case "$2" in
    moto) echo "moto_server" ;;
    aws-behaviour) echo "aws-behaviour.py" ;;
    etcd | kube-apiserver) echo "$1/" ;; # their data, script and certificates are under STATE
    operator) echo "java" ;;
    *) return 1 ;;
  esac
}

# ours STATE NAME: prints the PID recorded for NAME when that process is alive and carries its mark.
ours() {
  local file="$1/$2.pid" pid expected args
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] || return 1
  expected="$(mark "$1" "$2")" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    args="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
  else
    args="$(ps -o args= -p "$pid" 2>/dev/null)" || return 1
  fi
  [[ "$args" == *"$expected"* ]] || return 1
  echo "$pid"
}
