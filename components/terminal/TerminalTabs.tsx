'use client';

/**
 * The lab's terminals as tabs: one per host of the lab, plus any "new tab" (a second shell on
 * the same host: tcpdump in one, curl in the other). Each tab keeps its own terminal mounted, so
 * switching loses nothing; only the selected one is shown. Arrow keys move between tabs.
 */
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { useLab, type TerminalTab } from '@/components/lab/LabProvider';
import { LazyTerminal } from './LazyTerminal';

export function TerminalTabs({ autoFocus = false, label }: { autoFocus?: boolean; label?: ReactNode }) {
  const lab = useLab();
  const baseId = useId();
  // Before the lab is up, the first host's terminal is mounted already (its tab id is stable),
  // so xterm starts while the engine loads.
  const tabs: TerminalTab[] =
    lab.tabs.length > 0 ? lab.tabs : lab.config.hosts.slice(0, 1).map((host) => ({ id: `${host}#1`, host, title: host, main: true }));
  const active = lab.activeTab ?? tabs[0]?.id ?? null;
  const activeHost = tabs.find((t) => t.id === active)?.host ?? tabs[0]?.host;
  const tabDomId = (id: string) => `${baseId}-tab-${id.replace(/[^a-z0-9]/gi, '_')}`;
  const panelDomId = (id: string) => `${baseId}-panel-${id.replace(/[^a-z0-9]/gi, '_')}`;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : (index + step + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    lab.selectTab(tab.id);
    document.getElementById(tabDomId(tab.id))?.focus();
  };

  return (
    <div className="terminal-tabs">
      <div className="terminal-tabbar">
        {label ? <span className="terminal-lab-name">{label}</span> : null}
        <div role="tablist" aria-label="Terminals" className="terminal-tablist">
          {tabs.map((tab, index) => (
            <span key={tab.id} className="terminal-tab" data-selected={tab.id === active ? 'true' : 'false'}>
              <button
                type="button"
                role="tab"
                id={tabDomId(tab.id)}
                aria-selected={tab.id === active}
                aria-controls={panelDomId(tab.id)}
                tabIndex={tab.id === active ? 0 : -1}
                onClick={() => lab.selectTab(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {tab.title}
              </button>
              {tab.main ? null : (
                <button type="button" className="terminal-tab-close" aria-label={`Close tab ${tab.title}`} onClick={() => lab.closeTab(tab.id)}>
                  ×
                </button>
              )}
            </span>
          ))}
        </div>
        <button
          type="button"
          className="terminal-new-tab"
          aria-label={`New tab: another shell on ${activeHost ?? 'this host'}`}
          title="Another shell on the same host"
          disabled={lab.tabs.length === 0}
          onClick={() => lab.openTab(activeHost)}
        >
          + <span className="max-sm:sr-only">New tab</span>
        </button>
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={panelDomId(tab.id)}
          aria-labelledby={tabDomId(tab.id)}
          className="terminal-panel"
          hidden={tab.id !== active}
        >
          <LazyTerminal tabId={tab.id} active={tab.id === active} autoFocus={autoFocus && tab.id === tabs[0]?.id} />
        </div>
      ))}
    </div>
  );
}
