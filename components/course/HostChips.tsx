/**
 * A lab's Docker hosts as small chips ("host1", "host2"), on the course index and a lesson's
 * header: one chip per terminal tab the lab opens.
 */
export function HostChips({ hosts }: { hosts: readonly string[] }) {
  return (
    <span className="host-chips" data-testid="lesson-hosts">
      <span className="sr-only">{hosts.length === 1 ? 'Host: ' : `${hosts.length} hosts: `}</span>
      {hosts.map((host, index) => (
        <span key={host} className="host-chip">
          {host}
          {index < hosts.length - 1 ? <span className="sr-only">, </span> : null}
        </span>
      ))}
    </span>
  );
}
