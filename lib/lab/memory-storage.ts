/**
 * For unit tests in Node, which has no localStorage: a Map-backed stand-in installed as
 * `window.localStorage`. Browser tests (e2e/) use the real one.
 */
export class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

export function installMemoryStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'window', { value: { localStorage: storage }, configurable: true });
  return storage;
}
