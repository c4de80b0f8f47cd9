#!/usr/bin/env bash
# Make this machine able to run the Flock: Debian packages it needs and
# the site infrastructure (PostgreSQL, RabbitMQ) running on loopback.
# Idempotent; prints only what it does. Needs root for apt and daemons.
set -euo pipefail

PKGS=(rabbitmq-server postgresql ipmitool dnsmasq-base iproute2 bridge-utils
      procps psmisc curl busybox iputils-ping)

need=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-host: missing packages ${need[*]} (run as root to install)" >&2
    exit 1
  fi
  echo "ensure-host: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! listening 5432; then
  ver=$(ls /etc/postgresql | sort -V | tail -n1)
  echo "ensure-host: starting PostgreSQL $ver"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
fi

if ! listening 5672; then
  echo "ensure-host: starting RabbitMQ"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1
  rabbitmq-server -detached
  for _ in $(seq 1 120); do listening 5672 && break; sleep 0.5; done
  listening 5672 || { echo "ensure-host: RabbitMQ did not start" >&2; exit 1; }
fi
