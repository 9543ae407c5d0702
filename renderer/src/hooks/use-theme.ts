import { useEffect } from 'react';
import { useStore } from '../store/store.js';

/** Applies the theme choice to the document: "system" leaves it to prefers-color-scheme in the CSS. */
export function useTheme(): void {
  const theme = useStore((state) => state.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
