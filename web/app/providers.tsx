// Everything the app is wrapped in: React Query, the language, antd's ConfigProvider (locale, theme) and App.
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { queryClient } from '../lib/queryClient';
import { I18nProvider, useLanguage } from './i18n';
import { theme } from './theme';

function AntdConfig({ children }: { children: ReactNode }) {
  const [language] = useLanguage();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={language === 'en' ? en_US : zh_CN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Wraps the whole app in its providers. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdConfig>{children}</AntdConfig>
      </I18nProvider>
    </QueryClientProvider>
  );
}
