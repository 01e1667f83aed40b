import { describe, expect, it } from 'vitest';
import { historyText } from './continuation';

describe('a command typed over several lines, as one history line', () => {
  it('joins with "; ", or a space after a word that opens a block or a pipe', () => {
    expect(historyText(['for i in 1 2; do', 'echo $i', 'done'])).toBe('for i in 1 2; do echo $i; done');
    expect(historyText(['if true', 'then', 'echo y', 'fi'])).toBe('if true; then echo y; fi');
    expect(historyText(['docker ps |', 'grep web'])).toBe('docker ps | grep web');
    expect(historyText(['f() {', 'echo hi', '}'])).toBe('f() { echo hi; }');
    expect(historyText(['ls'])).toBe('ls');
  });
  it('a command continued inside quotes or a here-document is not recalled', () => {
    expect(historyText(['echo "a', 'b"'])).toBeNull();
    expect(historyText(['cat <<EOF', 'x', 'EOF'])).toBeNull();
    expect(historyText(["echo 'it''s'", 'done'])).toBe("echo 'it''s'; done");
  });
});
