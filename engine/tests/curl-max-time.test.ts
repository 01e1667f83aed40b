/**
 * curl's -m (--max-time) bounds every wait, also a connect that would end in "No route to host"
 * after ARP gives up (about 3 s): with -m below that, curl reports error 28 at the limit
 * (curl lib/connect.c, Curl_timeleft / "Timeout was reached"). A parent host cannot reach its
 * own macvlan child, so its ARP goes unanswered: the case the capstone lesson shows.
 */
import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';

describe('curl -m against an address whose ARP is never answered', () => {
  it('fails with (28) at the limit when the limit is shorter than ARP, and with (7) otherwise', async () => {
    const t = newTerm();
    await t.setup(
      'docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.200/29 -o parent=eth0 lan',
      'docker run -d --name legacy --network lan --ip 192.168.1.200 nginx',
    );
    const short = await t.run('curl -sS -m 1 http://192.168.1.200/');
    expect(short.code).toBe(28);
    expect(short.err).toBe('curl: (28) Failed to connect to 192.168.1.200 port 80 after 1000 ms: Timeout was reached\n');
    const long = await t.run('curl -sS -m 5 http://192.168.1.200/');
    expect(long.code).toBe(7);
    expect(long.err).toBe('curl: (7) Failed to connect to 192.168.1.200 port 80 after 3071 ms: Could not connect to server\n');
  });
});
