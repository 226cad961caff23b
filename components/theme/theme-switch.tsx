'use client';

import { MonitorIcon, MoonIcon, SunIcon } from 'lucide-react';
import { useTheme } from 'next-themes';
import { Button } from '@/components/ui/button';
import { Menu, MenuContent, MenuGroup, MenuGroupLabel, MenuRadioGroup, MenuRadioItem, MenuTrigger } from '@/components/ui/menu';
import { THEMES, type ThemeChoice } from './theme-provider';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

/** The top bar's theme menu: System, Light or Dark. The icon follows the page's class, so it needs no client state. */
export function ThemeSwitch({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  return (
    <Menu>
      <MenuTrigger
        render={
          <Button variant="ghost" size="icon" aria-label="Theme" className={className}>
            <SunIcon className="dark:hidden" aria-hidden />
            <MoonIcon className="hidden dark:block" aria-hidden />
          </Button>
        }
      />
      <MenuContent>
        <MenuGroup>
          <MenuGroupLabel>Theme</MenuGroupLabel>
          <MenuRadioGroup value={theme ?? 'system'} onValueChange={(value: ThemeChoice) => setTheme(value)}>
            {THEMES.map((choice) => {
              const Icon = ICONS[choice];
              return (
                <MenuRadioItem key={choice} value={choice} closeOnClick>
                  <Icon aria-hidden />
                  {LABELS[choice]}
                </MenuRadioItem>
              );
            })}
          </MenuRadioGroup>
        </MenuGroup>
      </MenuContent>
    </Menu>
  );
}
