#!/usr/bin/env bash
# Caches the Debian kernel the USB VM test bed boots: downloads the running release's linux-image-amd64 target
# with `apt-get download` (never installs it), keeps vmlinuz and only the modules the initramfs needs.
# Usage: fetch-kernel.sh CACHE_DIR   (quick no-op when CACHE_DIR already holds a kernel)
set -euo pipefail
cache="$1"
[ -f "$cache/vmlinuz" ] && [ -f "$cache/modules/order" ] && exit 0
mkdir -p "$cache"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
pkg="$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n1)"
if [ -z "$pkg" ]; then
  apt-get update -qq >/dev/null 2>&1 || true
  pkg="$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n1)"
fi
[ -n "$pkg" ] || { echo "fetch-kernel: no linux-image-amd64 in the apt lists" >&2; exit 1; }
(cd "$work" && apt-get download -qq "$pkg" 2>/dev/null)
dpkg-deb -x "$work"/*.deb "$work/tree"
kver="$(ls "$work/tree/lib/modules" | head -n1)"
kmod="$work/tree/lib/modules/$kver/kernel"
rm -rf "$cache/modules"; mkdir -p "$cache/modules"
# Load order follows each module's depends= list (.modinfo of Debian 6.1); modules missing from another kernel
# version are skipped (built in or merged there).
order="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
 drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover
 drivers/net/virtio_net net/9p/9pnet net/9p/9pnet_virtio fs/netfs/netfs fs/fscache/fscache fs/9p/9p
 drivers/usb/common/usb-common drivers/usb/core/usbcore drivers/usb/usbip/usbip-core drivers/usb/usbip/vhci-hcd
 drivers/hid/hid drivers/hid/hid-generic drivers/hid/usbhid/usbhid"
: > "$cache/modules/order.tmp"
for m in $order; do
  src="$kmod/$m.ko"; name="$(basename "$m").ko"
  if [ -f "$src" ]; then cp "$src" "$cache/modules/$name"
  elif [ -f "$src.xz" ]; then xz -dc "$src.xz" > "$cache/modules/$name"
  elif [ -f "$src.zst" ]; then zstd -qdc "$src.zst" > "$cache/modules/$name"
  else continue; fi
  echo "$name" >> "$cache/modules/order.tmp"
done
cp "$work/tree/boot/vmlinuz-$kver" "$cache/vmlinuz"
echo "$pkg $kver" > "$cache/kernel-version"
mv "$cache/modules/order.tmp" "$cache/modules/order"
