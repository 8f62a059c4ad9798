import { ActionIcon, Badge, Button, DEFAULT_THEME, Kbd, Modal, NumberInput, PasswordInput, SegmentedControl, TextInput, Textarea, createTheme, type MantineColorsTuple } from '@mantine/core';

/*
 * Calm and high contrast for a shop floor: one deep green-teal accent on white and slate, big type for money,
 * and every control at least 44 px tall so a thumb can hit it. Money always uses tabular figures (global.css).
 */

const brand: MantineColorsTuple = [
  '#e6f6f3',
  '#cdebe5',
  '#9dd6cb',
  '#69c0af',
  '#3fad97',
  '#25a088',
  '#13917a',
  '#0b7a66',
  '#06695a',
  '#00574a',
];

/* 5–8 are for secondary text: each reads at 4.5:1 or better on white and on ink.0/ink.1 (WCAG AA) */
const ink: MantineColorsTuple = [
  '#f4f6f8',
  '#e7ebef',
  '#cbd3dc',
  '#aeb9c6',
  '#8596a8',
  '#5f6f83',
  '#56667a',
  '#4f5e72',
  '#425063',
  '#1c2733',
];

/** Mantine's own, with the darkest shade darker: status text (green on green-1, orange on orange-0) stays AA. */
const darkest = (c: MantineColorsTuple, shade9: string): MantineColorsTuple => [...c.slice(0, 9), shade9] as unknown as MantineColorsTuple;
const green = darkest(DEFAULT_THEME.colors.green, '#1e6b30');
const orange = darkest(DEFAULT_THEME.colors.orange, '#a23a06');

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand, ink, green, orange },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", monospace',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // Mantine's md button is 42 px: two short of a thumb
    Button: Button.extend({ defaultProps: { size: 'lg' }, vars: (_theme, props) => ({ root: props.size === 'md' ? { '--button-height': '44px' } : {} }) }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 44 } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'lg' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'lg' } }),
    NumberInput: NumberInput.extend({ defaultProps: { size: 'lg' } }),
    Textarea: Textarea.extend({ defaultProps: { size: 'lg' } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: 'lg' } }),
    Badge: Badge.extend({ defaultProps: { radius: 'sm' } }),
    // a key hint is read, not decoration: dark on light, never faded
    Kbd: Kbd.extend({ styles: { root: { color: 'var(--mantine-color-ink-9)', backgroundColor: 'var(--mantine-color-ink-0)', borderColor: 'var(--mantine-color-ink-3)' } } }),
    Modal: Modal.extend({ defaultProps: { centered: true, radius: 'lg', overlayProps: { backgroundOpacity: 0.45, blur: 2 } } }),
  },
});
