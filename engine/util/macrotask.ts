/**
 * Resolves on a later macrotask, never a microtask: awaiting a settled promise lets no key press,
 * timer or Ctrl-C in, so a loop that only awaits those would freeze the page. MessageChannel is a
 * macrotask without setTimeout's 4 ms clamp in browsers; both exist in browsers, workers and Node.
 */
export function macrotask(): Promise<void> {
  const MC = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
  if (typeof MC !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MC();
    channel.port1.onmessage = () => {
      // Closed at once: an open port would keep a Node process alive.
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
