/** Data the catalogue's images share: applet lists, base-image files, /etc/passwd and /etc/group texts. */

import type { HistoryLayer, ImageSpec } from '../../types';
import { DEBIAN_GROUP, DEBIAN_PASSWD } from '../../../apps/os-files';
import { hex64, sha256Of } from './ids';

export { DEBIAN_GROUP, DEBIAN_PASSWD };

export const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const BK = 'buildkit.dockerfile.v0';

/** A history row; `size` 0 rows are metadata-only (empty layers, no digest). */
export function layer(createdBy: string, size = 0, comment = BK): HistoryLayer {
  return { createdBy, size, comment, ageDays: 0, empty: size === 0 };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** busybox:latest's /bin: one hard link per applet (`ls /bin` in the real image, BusyBox 1.37.0 glibc). */
export const BUSYBOX_BIN = words(`
[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base32 base64 basename bc
beep blkdiscard blkid blockdev bootchartd brctl bunzip2 busybox bzcat bzip2 cal cat chat chattr chgrp chmod
chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond crontab cryptpw
cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd
dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid
ether-wake expand expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush fdformat fdisk
fgconsole fgrep find findfs flock fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget
ftpput fuser getconf getfattr getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit
hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave
ifplugd ifup inetd init inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh
iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 linuxrc ln
loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb
lzcat lzma lzop makedevs makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2
mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif
nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt
partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff
powertop printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile
realpath reboot reformime remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio
rtcwake run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch
setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum
sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split ssl_client
start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon switch_root sync sysctl
syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr
traceroute traceroute6 tree true truncate ts tsort tty ttysize tunctl ubiattach ubidetach ubimkvol ubirename
ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq unix2dos
unlink unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w wall watch
watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip
`);

/** Alpine 3.22's /bin (busybox applet links); low confidence on the exact set. */
export const ALPINE_BIN = words(`
arch ash base64 bbconfig busybox cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo ed egrep
false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32
linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping
ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync
tar touch true umount uname usleep watch zcat
`);

/** Alpine's other applet links and its few real programs (musl-utils' getent, apk, scanelf, ssl_client). */
const ALPINE_OTHER = words(`
acpid adjtimex apk arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown
ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd ldconfig loadkmap logread
losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nlplug-findfs pivot_root poweroff raidautorun
reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog
awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc
deallocvt diff dirname dos2unix du eject env expand expr factor fallocate fold free fuser getconf getent head hexdump
hostid iconv id install ipcrm ipcs killall last ldd less logger lsof lsusb lzcat lzma lzopcat md5sum mesg microcom
mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt paste pgrep pkill pmap printf pscan pstree pwdx
readlink realpath renice reset resize scanelf seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey
shred shuf sort split ssl_client strings sum tac tail tee test time timeout top tr traceroute traceroute6 tree
truncate tty ttysize unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock
volname wc wget which whoami whois xargs xxd xzcat yes addgroup add-shell adduser arping brctl chpasswd chroot crond
delgroup deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead
remove-shell rfkill sendmail setfont setlogcons
`);

export const ALPINE_PROGRAMS = [...ALPINE_BIN, ...ALPINE_OTHER];

/** The shell builtins the lab's table marks as programs (history, help, cd, exit...). */
export const SHELL_BUILTINS = ['cd', 'exit', 'history', 'help', 'export', 'pwd', 'echo', 'printf', 'true', 'false', 'test'];

/** What a Debian or Ubuntu base image has: coreutils, dash/bash, util-linux, apt. No ping, ps, ip or curl. */
export const DEBIAN_PROGRAMS = words(`
sh bash dash cat echo env printenv hostname sleep grep head tail wc ls uname id whoami true false date clear seq sort
uniq cut tr kill mkdir touch rm pwd test which awk sed find xargs tee cp mv chmod chown ln df du mount su apt apt-get
dpkg gzip tar base64 md5sum sha256sum getent nsenter unshare more sync stat readlink basename dirname expr printf
`);

export const ALPINE_OS = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.22.2
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

/** os-release of another Alpine release (same layout). */
export function alpineOs(version: string): string {
  const minor = version.split('.').slice(0, 2).join('.');
  return ALPINE_OS.replace('3.22.2', version).replace('v3.22', `v${minor}`);
}

export const DEBIAN_OS = `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.1
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const BOOKWORM_OS = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;



/** alpine-baselayout's passwd and group (aports main/alpine-baselayout). */
export const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
postmaster:x:14:12:postmaster:/var/mail:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
squid:x:31:31:Squid:/var/cache/squid:/sbin/nologin
xfs:x:33:33:X Font Server:/etc/X11/fs:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
cyrus:x:85:12::/usr/cyrus:/sbin/nologin
vpopmail:x:89:89::/var/vpopmail:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
smmsp:x:209:209:smmsp:/var/spool/mqueue:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

export const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin,adm
adm:x:4:root,adm,daemon
tty:x:5:
disk:x:6:root,adm
lp:x:7:lp
mem:x:8:
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
squid:x:31:squid
xfs:x:33:xfs
kvm:x:34:kvm
games:x:35:
shadow:x:42:
cdrw:x:80:
www-data:x:82:
usb:x:85:
vpopmail:x:89:
users:x:100:games
ntp:x:123:
nofiles:x:200:
smmsp:x:209:smmsp
locate:x:245:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

/** busybox:latest's /etc/passwd and /etc/group (the real image's files). */
export const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

export const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65534:
`;

/** The top of every Linux root filesystem, as `ls /` lists it. */
export const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** Files of a Debian-based image (the release files and users; images add their own). */
export function debianFiles(release: 'trixie' | 'bookworm', extraPasswd = '', extraGroup = ''): Record<string, string> {
  return {
    '/etc/os-release': release === 'trixie' ? DEBIAN_OS : BOOKWORM_OS,
    '/etc/debian_version': release === 'trixie' ? '13.1\n' : '12.12\n',
    '/etc/passwd': DEBIAN_PASSWD + extraPasswd,
    '/etc/group': DEBIAN_GROUP + extraGroup,
  };
}

/** Files of an Alpine-based image. */
export function alpineFiles(version: string, extraPasswd = '', extraGroup = ''): Record<string, string> {
  return {
    '/etc/os-release': alpineOs(version),
    '/etc/alpine-release': `${version}\n`,
    '/etc/passwd': ALPINE_PASSWD + extraPasswd,
    '/etc/group': ALPINE_GROUP + extraGroup,
  };
}

/** One image of the catalogue and the tags that name it on the registry. */
export interface CatalogEntry {
  spec: ImageSpec;
  tags: string[];
}

type SpecInput = Omit<ImageSpec, 'id' | 'digest' | 'layerDigests' | 'user' | 'volumes' | 'files' | 'dirs' | 'unameOs'> &
  Partial<Pick<ImageSpec, 'id' | 'digest' | 'user' | 'volumes' | 'files' | 'dirs' | 'unameOs'>>;

/**
 * Fills what every image has: ids (stable per repository and tag), one digest per non-empty layer.
 * The base layer's digest follows its content (its history line), so images on the same base share
 * it and a pull says `Already exists` for it, as a registry does.
 */
export function image(s: SpecInput): ImageSpec {
  const seed = `${s.repository}:${s.tag}`;
  const filled = s.layers.filter((l) => !l.empty);
  return {
    user: '',
    volumes: [],
    files: {},
    dirs: {},
    unameOs: 'GNU/Linux',
    ...s,
    id: s.id ?? sha256Of(`image ${seed}`),
    digest: s.digest ?? sha256Of(`manifest ${seed}`),
    layerDigests: filled.map((l, i) => `sha256:${hex64(i === 0 ? `base ${l.createdBy}` : `layer ${i} ${seed}`)}`),
  };
}
