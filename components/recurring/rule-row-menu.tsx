'use client';

import { EllipsisIcon } from 'lucide-react';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Menu, MenuContent, MenuGroup, MenuGroupLabel, MenuItem, MenuLinkItem, MenuSeparator, MenuTrigger } from '@/components/ui/menu';
import { DeleteRuleDialog } from './delete-rule-dialog';
import { PauseRuleDialog } from './pause-rule-dialog';
import { PreviewDialog } from './preview-dialog';
import { RawJsonDialog, RunSummaryDialog } from './dev-tool-dialogs';
import { useHoldWhile } from './list-hold';
import { useRuleActions, useRuleOperation } from './rule-operations';
import type { RunSummaryView } from './run-summary';

export interface MenuRule {
  id: number;
  name: string;
  can: { pause: boolean; resume: boolean; skipNext: boolean; force: boolean };
}

type OpenDialog = 'pause' | 'preview' | 'delete' | 'simulate' | 'raw' | null;

/**
 * A rule's ⋯ menu, named "Actions for {rule name}". Accountants and owners get Edit, Pause or Resume, Preview,
 * Skip next, View log and Delete; viewers Preview and View log. The developer tools follow when they are on (the
 * page hands over their actions only then). Each item opens its dialog, or runs and reports in a toast. The list's
 * rows and the rule's own page both use it; there `afterDelete` is where a deleted rule's page goes.
 */
export function RuleRowMenu({ rule, today, afterDelete }: { rule: MenuRule; today: string; afterDelete?: string }) {
  const actions = useRuleActions();
  const { run, pending } = useRuleOperation();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  // The list holds still while this menu or one of its dialogs is open, so a refresh cannot move the row under the pointer.
  useHoldWhile(menuOpen || open !== null || pending !== null);
  const [summary, setSummary] = useState<RunSummaryView | null>(null);
  // The dialogs hand focus back to the ⋯ button: the menu item that opened them is gone by then.
  const triggerRef = useRef<HTMLButtonElement>(null);
  const fields = { ruleId: String(rule.id) };
  const subject = rule.name;
  const writes = actions.pause !== undefined;
  const devTools = actions.simulate !== undefined;

  return (
    <>
      <Menu open={menuOpen} onOpenChange={setMenuOpen}>
        <MenuTrigger
          render={
            <Button ref={triggerRef} variant="ghost" size="icon-sm" aria-label={`Actions for ${rule.name}`} disabled={pending !== null} data-testid="rule-menu">
              <EllipsisIcon aria-hidden />
            </Button>
          }
        />
        <MenuContent>
          {writes && (
            <MenuLinkItem render={<Link href={`/settings/recurring/${rule.id}/edit`} />} closeOnClick>
              Edit
            </MenuLinkItem>
          )}
          {writes && rule.can.resume && actions.resume && (
            <MenuItem onClick={() => void run('Resume', actions.resume!, fields, { subject })}>Resume</MenuItem>
          )}
          {writes && !rule.can.resume && (
            <MenuItem disabled={!rule.can.pause} onClick={() => setOpen('pause')}>
              Pause
            </MenuItem>
          )}
          <MenuItem onClick={() => setOpen('preview')}>Preview</MenuItem>
          {writes && actions.skipNext && (
            <MenuItem disabled={!rule.can.skipNext} onClick={() => void run('Skip next', actions.skipNext!, fields, { subject })}>
              Skip next
            </MenuItem>
          )}
          <MenuLinkItem render={<Link href={`/settings/recurring/${rule.id}#log`} />} closeOnClick>
            View log
          </MenuLinkItem>
          {writes && (
            <MenuItem variant="destructive" onClick={() => setOpen('delete')}>
              Delete
            </MenuItem>
          )}
          {devTools && (
            <>
              <MenuSeparator />
              <MenuGroup>
                <MenuGroupLabel>Developer tools</MenuGroupLabel>
                {actions.runNow && <MenuItem onClick={() => void run('Run now', actions.runNow!, fields, { subject })}>Run now</MenuItem>}
                {actions.force && (
                  <MenuItem disabled={!rule.can.force} onClick={() => void run('Force', actions.force!, fields, { subject })}>
                    Force
                  </MenuItem>
                )}
                <MenuItem
                  onClick={async () => {
                    const view = await run('Simulate', actions.simulate!, fields, { subject, toastResult: false });
                    if (view) {
                      setSummary(view);
                      setOpen('simulate');
                    }
                  }}
                >
                  Simulate
                </MenuItem>
                {actions.rawJson && <MenuItem onClick={() => setOpen('raw')}>Raw JSON</MenuItem>}
              </MenuGroup>
            </>
          )}
        </MenuContent>
      </Menu>
      {actions.pause && (
        <PauseRuleDialog
          open={open === 'pause'}
          onOpenChange={(next) => setOpen(next ? 'pause' : null)}
          ruleName={rule.name}
          minDate={today}
          onPause={(resumeOn) => run('Pause', actions.pause!, { ...fields, resumeOn }, { subject })}
          returnFocus={triggerRef}
        />
      )}
      <PreviewDialog open={open === 'preview'} onOpenChange={(next) => setOpen(next ? 'preview' : null)} rule={rule} returnFocus={triggerRef} />
      {actions.delete && (
        <DeleteRuleDialog
          open={open === 'delete'}
          onOpenChange={(next) => setOpen(next ? 'delete' : null)}
          ruleName={rule.name}
          onDelete={() => run('Delete', actions.delete!, fields, { subject, navigateTo: afterDelete })}
          returnFocus={triggerRef}
        />
      )}
      {summary && (
        <RunSummaryDialog
          open={open === 'simulate'}
          onOpenChange={(next) => setOpen(next ? 'simulate' : null)}
          title={`Simulate: ${rule.name}`}
          summary={summary}
          returnFocus={triggerRef}
        />
      )}
      {actions.rawJson && <RawJsonDialog open={open === 'raw'} onOpenChange={(next) => setOpen(next ? 'raw' : null)} rule={rule} returnFocus={triggerRef} />}
    </>
  );
}
