import { ActionIcon, Badge, Button, Modal, NumberInput, PasswordInput, SegmentedControl, TextInput, Textarea, createTheme, type MantineColorsTuple } from '@mantine/core';

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

const ink: MantineColorsTuple = [
  '#f4f6f8',
  '#e7ebef',
  '#cbd3dc',
  '#aeb9c6',
  '#95a3b3',
  '#8596a8',
  '#7b8da2',
  '#69798d',
  '#5b6b7f',
  '#1c2733',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand, ink },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", monospace',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: Button.extend({ defaultProps: { size: 'lg' } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 44 } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'lg' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'lg' } }),
    NumberInput: NumberInput.extend({ defaultProps: { size: 'lg' } }),
    Textarea: Textarea.extend({ defaultProps: { size: 'lg' } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: 'lg' } }),
    Badge: Badge.extend({ defaultProps: { radius: 'sm' } }),
    Modal: Modal.extend({ defaultProps: { centered: true, radius: 'lg', overlayProps: { backgroundOpacity: 0.45, blur: 2 } } }),
  },
});
