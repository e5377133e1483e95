#!/bin/sh
# Runs CMD in a fresh Debian 12 (bookworm, minbase) root, in a clean clone of
# this repository's HEAD commit, as a newcomer's new machine would: only what
# CMD itself installs is there. .ci/run uses it; run it by hand (as root) to
# check that the README's commands work from nothing:
#
#   sh scripts/fresh-root.sh 'sh scripts/setup.sh && ./build/fengong -o out fixtures'
#
# The root is made by debootstrap from the Debian mirror that this machine's
# own apt configuration names, and the machine's apt configuration is copied
# in. The finished base root is cached as a tarball in $FG_ROOT_CACHE
# (default /var/cache/fengong; FG_ROOT_CACHE= disables it) and remade when
# older than a week. /proc and /dev are mounted inside and removed on exit,
# and the root is deleted.
set -eu

[ $# -eq 1 ] || { echo "usage: sh scripts/fresh-root.sh CMD" >&2; exit 2; }
cmd=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "fresh-root: needs root (debootstrap, chroot, mount)" >&2; exit 2; }

# The first bookworm mirror the machine's apt sources name (deb822 .sources
# files first, then the one-line sources.list format).
mirror_of_machine() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; IGNORECASE = 1 }
             /(^|\n)Suites:[^\n]*bookworm([ \n]|$)/ && /(^|\n)Types:[^\n]*deb([ \n]|$)/ {
                 if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) {
                     u = substr($0, RSTART, RLENGTH); sub(/.*URIs:[ \t]*/, "", u); print u; exit
                 }
             }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" && $3 == "bookworm" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) { print $i; exit } }' "$f"
    done
}
mirror=$(mirror_of_machine | head -n 1)
[ -n "$mirror" ] || { echo "fresh-root: no bookworm mirror in /etc/apt/sources.list*" >&2; exit 2; }

if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

root=$(mktemp -d /var/tmp/fengong-root.XXXXXX)
child=
cleanup() {
    status=$?
    # a signal: stop what runs in the root first (every process whose root
    # it is), so that nothing holds the mounts
    if [ -n "$child" ]; then
        kill "$child" 2>/dev/null || true
        for p in /proc/[0-9]*; do
            [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
        done
        wait "$child" 2>/dev/null || true
    fi
    for m in "$root/dev/shm" "$root/dev/pts" "$root/dev" "$root/proc"; do
        if mountpoint -q "$m" 2>/dev/null; then umount -l "$m" || true; fi
    done
    # Never delete through a mount that is still there.
    if grep -q " $root/" /proc/mounts; then
        echo "fresh-root: $root still has mounts; left in place" >&2
    else
        rm -rf "$root"
    fi
    exit "$status"
}
trap cleanup EXIT INT TERM

cache=${FG_ROOT_CACHE-/var/cache/fengong}
tarball=${cache:+$cache/bookworm-minbase.tar.gz}
if [ -n "$tarball" ] && [ -f "$tarball" ] && [ -n "$(find "$tarball" -mtime -7)" ]; then
    echo "fresh-root: base root from $tarball" >&2
    tar -xzf "$tarball" -C "$root"
else
    echo "fresh-root: debootstrap --variant=minbase bookworm from the machine's mirror" >&2
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || {
        tail -n 30 "$root.log" >&2; rm -f "$root.log"; exit 1; }
    rm -f "$root.log"
    # The machine's own apt configuration (its sources, its Acquire options).
    rm -f "$root/etc/apt/sources.list"
    cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/"
    find "$root/etc/apt/sources.list.d" -name '*.disabled*' -delete
    [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
    cp -a /etc/apt/apt.conf.d/. "$root/etc/apt/apt.conf.d/"
    if [ -n "$tarball" ]; then
        mkdir -p "$cache"
        tar -czf "$tarball.tmp" -C "$root" . && mv "$tarball.tmp" "$tarball"
    fi
fi
# It is the new /: every user must pass it (tests run as nobody). After the
# tarball, which holds the 700 of mktemp.
chmod 755 "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# A clean clone of the commit: nothing uncommitted, no build folders.
git clone -q --no-hardlinks "$repo" "$root/src/fengong"
git -C "$root/src/fengong" checkout -q "$(git -C "$repo" rev-parse HEAD)"

mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"

echo "fresh-root: running in $root: $cmd" >&2
# in the background, so that a signal reaches the trap at once (sh runs
# traps only between commands)
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 CI="${CI:-}" FG_FUZZ_SECONDS="${FG_FUZZ_SECONDS:-60}" \
    /bin/sh -c "cd /src/fengong && $cmd" </dev/null &
child=$!
wait "$child"
status=$?
child=
exit "$status"
