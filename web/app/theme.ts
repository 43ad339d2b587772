// The antd theme: colours and a few component tweaks shared by every page.
import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#b71c1c';

// Contrast (WCAG AA, 4.5:1 for text) is checked by axe-core on every page of the browser journeys (e2e/a11y.ts);
// the ratios below are for 14 px text on white unless said otherwise.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    // Links in the brand blue (6.4:1): antd's default link blue (#1677ff) is 4.1:1.
    colorLink: '#1f5fa8',
    // A hovered link darker, not lighter (antd's derived hover blue is 3.2:1).
    colorLinkHover: '#164a84',
    // Errors, danger buttons and validation messages in antd's red-7 (5.6:1) instead of #ff4d4f (3.3:1).
    colorError: '#cf1322',
    // Secondary and tertiary text (hints, descriptions' labels, table captions) darker than antd's 45 % black
    // (3.4:1): 65 % is 7:1 and 60 % is 5.7:1 (5.3:1 on the page grey).
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
    Tag: {
      // Tag text on the tag's own light background. Status tags (success, processing, warning) take the status
      // colour itself as text (1.9–3.7:1); light preset tags take the palette's 7th step (2.0–4.4:1 for these
      // hues). Darker shades reach 4.5:1; the other hues (red, blue, geekblue, purple, magenta) already do.
      colorSuccess: '#237804',
      colorInfo: '#1f5fa8',
      colorWarning: '#874d00',
      volcano7: '#ad2102',
      orange7: '#ad4e00',
      gold7: '#874d00',
      yellow7: '#614700',
      lime7: '#3f6600',
      green7: '#237804',
      cyan7: '#006d75',
    },
  },
};
