import { useEffect, useState } from 'react';

/**
 * Whether a box scrolls sideways, and whether there is more to its right: the compare table on a
 * 1024 px window says that it scrolls (a shadow at the edge and a hint) instead of looking cut.
 * Given the element itself (a callback ref's state), so it measures once the box is drawn.
 */
export function useOverflow(el: HTMLElement | null): { scrolls: boolean; moreRight: boolean; moreLeft: boolean } {
  const [state, setState] = useState({ scrolls: false, moreRight: false, moreLeft: false });
  useEffect(() => {
    if (!el) return;
    const measure = () => {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      const next = { scrolls, moreRight: scrolls && el.scrollLeft + el.clientWidth < el.scrollWidth - 1, moreLeft: scrolls && el.scrollLeft > 1 };
      setState((s) => (s.scrolls === next.scrolls && s.moreRight === next.moreRight && s.moreLeft === next.moreLeft ? s : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [el]);
  return state;
}
