import type { ExecUser } from '../api';
import type { ImageSpec } from '../types';
import { DEBIAN_GROUP, DEBIAN_PASSWD } from '../../apps/os-files';

export type { ExecUser };

/**
 * Users inside a container, resolved as moby does for `--user`/`exec -u` (daemon/oci_linux.go
 * getUser over moby/sys/user GetExecUserPath): name or uid, optional ":group", against the
 * image's /etc/passwd and /etc/group.
 */

// The stock files of the images the lab has (alpine 3.22, busybox 1.37 glibc, Debian 13 based nginx, ubuntu).
const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;
const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;
const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;
const BUSYBOX_GROUP = `root:x:0:
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

/** /etc/passwd and /etc/group of an image. */
export function userFiles(image: ImageSpec | undefined): { passwd: string; group: string } {
  if (!image || image.repository === 'alpine' || image.repository === 'nicolaka/netshoot') return { passwd: ALPINE_PASSWD, group: ALPINE_GROUP };
  if (image.repository === 'busybox') return { passwd: BUSYBOX_PASSWD, group: BUSYBOX_GROUP };
  if (image.repository === 'nginx') {
    return { passwd: DEBIAN_PASSWD + 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n', group: DEBIAN_GROUP + 'nginx:x:101:\n' };
  }
  return { passwd: DEBIAN_PASSWD, group: DEBIAN_GROUP };
}

interface Entry {
  name: string;
  id: number;
  gid: number;
  members: string[];
}

function parse(text: string, group: boolean): Entry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(':'))
    .map((f) => ({ name: f[0]!, id: Number(f[2]), gid: group ? Number(f[2]) : Number(f[3]), members: group ? (f[3] ?? '').split(',').filter(Boolean) : [] }));
}

/**
 * moby/sys/user GetExecUser: "name", "uid", "name:group", "uid:gid". A name that is not in
 * /etc/passwd is an error; a number is used as it is. Docker's text on failure.
 */
export function resolveUser(image: ImageSpec | undefined, spec: string): ExecUser | string {
  const files = userFiles(image);
  const users = parse(files.passwd, false);
  const groups = parse(files.group, true);
  const [userPart = '', groupPart] = (spec === '' ? 'root' : spec).split(':');
  const numeric = /^\d+$/.test(userPart);
  const entry = users.find((u) => (numeric ? u.id === Number(userPart) : u.name === userPart));
  if (!entry && !numeric) return `unable to find user ${userPart}: no matching entries in passwd file`;
  const uid = entry ? entry.id : Number(userPart);
  let gid = entry ? entry.gid : 0;
  if (groupPart !== undefined && groupPart !== '') {
    const g = /^\d+$/.test(groupPart) ? { id: Number(groupPart) } : groups.find((x) => x.name === groupPart);
    if (!g) return `unable to find group ${groupPart}: no matching entries in group file`;
    gid = g.id;
  }
  const nameOfGroup = (id: number) => groups.find((g) => g.id === id)?.name ?? null;
  const extra = entry ? groups.filter((g) => g.members.includes(entry.name) && g.id !== gid).map((g) => ({ gid: g.id, name: g.name })) : [];
  return { uid, gid, name: entry?.name ?? null, groupName: nameOfGroup(gid), groups: [{ gid, name: nameOfGroup(gid) }, ...extra] };
}

/** How the host's procps names a uid in `docker top` (host /etc/passwd: Debian 13; unknown uids print as numbers). */
export function hostUserName(uid: number): string {
  const host = parse(DEBIAN_PASSWD, false).find((u) => u.id === uid);
  return host ? host.name : String(uid);
}
