import { createTheme, type MantineColorsTuple } from '@mantine/core';

// a deep garden green; shade 8 on white is 5.7:1 (WCAG AA for body text)
const brand: MantineColorsTuple = ['#eef6f0', '#dcebe0', '#b5d6bf', '#8bc09c', '#68ad7e', '#52a06b', '#45995f', '#35844e', '#2c7444', '#1e6437'];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 8,
  colors: { brand },
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '750' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { fw: 600 } },
    Card: { defaultProps: { withBorder: true, radius: 'lg' } },
    Badge: { defaultProps: { radius: 'sm' } },
  },
});
