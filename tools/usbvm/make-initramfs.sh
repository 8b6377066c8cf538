#!/usr/bin/env bash
# Builds the USB VM test bed's initramfs: static busybox, the kernel modules needed for virtio-9p, virtio-net,
# vhci-hcd (USB/IP) and usbhid, and tools/usbvm/init. Usage: make-initramfs.sh KERNEL_TREE OUT.cpio.gz
# KERNEL_TREE is a Debian linux-image .deb extracted with dpkg-deb -x (lib/modules/<ver>/kernel/...).
set -euo pipefail
tree="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
kver="$(ls "$tree/lib/modules" | head -n1)"
kmod="$tree/lib/modules/$kver/kernel"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,mnt/root,modules}
cp /bin/busybox "$work/bin/busybox"
ln -s busybox "$work/bin/sh"
# Load order follows each module's depends= list (checked against the .modinfo sections of Debian 6.1).
order="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
 drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover
 drivers/net/virtio_net net/9p/9pnet net/9p/9pnet_virtio fs/netfs/netfs fs/fscache/fscache fs/9p/9p
 drivers/usb/common/usb-common drivers/usb/core/usbcore drivers/usb/usbip/usbip-core drivers/usb/usbip/vhci-hcd
 drivers/hid/hid drivers/hid/hid-generic drivers/hid/usbhid/usbhid"
: > "$work/modules/order"
for m in $order; do
  src="$kmod/$m.ko"
  name="$(basename "$m").ko"
  if [ -f "$src" ]; then cp "$src" "$work/modules/$name"
  elif [ -f "$src.xz" ]; then xz -dc "$src.xz" > "$work/modules/$name"
  elif [ -f "$src.zst" ]; then zstd -qdc "$src.zst" > "$work/modules/$name"
  else continue; fi          # built into this kernel
  echo "$name" >> "$work/modules/order"
done
cp "$here/init" "$work/init"; chmod +x "$work/init"
(cd "$work" && find . | busybox cpio -o -H newc 2>/dev/null) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
