'use client';

/**
 * `<Terminal />` in a lesson: the lesson has one terminal, in the lab pane (beside the text on wide
 * screens, docked at the bottom on narrow ones). Here it becomes a pointer to it.
 */
import { useOptionalLab } from '@/components/lab/LabProvider';

export function TerminalSlot() {
  const lab = useOptionalLab();
  if (!lab) return null;
  return (
    <div className="terminal-slot">
      <span aria-hidden="true" className="font-mono text-emerald-300">
        $_
      </span>
      <p className="m-0 flex-1">
        Your terminal is in the lab pane <span className="hidden lg:inline">on the right</span>
        <span className="lg:hidden">at the bottom of the screen</span>, on <strong>{lab.config.hosts[0]}</strong>. Click
        it and type, or use the <strong>Run</strong> buttons.
      </p>
      <button type="button" className="btn btn-quiet" onClick={lab.focusTerminal} disabled={!lab.terminalReady}>
        Focus terminal
      </button>
    </div>
  );
}
