#!/usr/bin/env bash
# Builds the USB VM test bed's initramfs from static busybox, the cached modules (fetch-kernel.sh) and
# tools/usbvm/init. Usage: make-initramfs.sh CACHE_DIR OUT.cpio.gz
set -euo pipefail
cache="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
busybox="$(command -v busybox || echo /bin/busybox)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,mnt/root}
cp "$busybox" "$work/bin/busybox"
ln -s busybox "$work/bin/sh"
cp -r "$cache/modules" "$work/modules"
cp "$here/init" "$work/init"; chmod +x "$work/init"
(cd "$work" && find . | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
