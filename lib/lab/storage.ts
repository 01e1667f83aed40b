/**
 * localStorage with the failures a real browser has: storage disabled (privacy mode), full
 * (QuotaExceededError), or holding junk from an older version. Nothing here throws.
 */

export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Returns false when the browser refused (quota, disabled storage). */
export function writeStorage(key: string, value: string): boolean {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStorage(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was saved, so there is nothing to remove.
  }
}
