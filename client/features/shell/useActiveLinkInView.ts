import { useEffect, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * On a phone the main navigation is one line that scrolls sideways: after each page change, and when
 * links appear (those a signed-in user gets come after the session is read), bring the current page's
 * link into view, centred when it can be, or a leader opening "Độ tin cậy dữ liệu" would see the links
 * before it and not where they are.
 */
export function useActiveLinkInView(nav: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const el = nav.current;
    if (!el) return;
    const reveal = (): void => {
      const link = el.querySelector<HTMLElement>('[aria-current="page"]');
      if (!link || el.scrollWidth <= el.clientWidth) return;
      const offset = link.getBoundingClientRect().left - el.getBoundingClientRect().left;
      el.scrollLeft += offset - (el.clientWidth - link.offsetWidth) / 2;
    };
    reveal();
    const links = new MutationObserver(reveal);
    links.observe(el, { childList: true });
    return () => links.disconnect();
  }, [nav, pathname]);
}
