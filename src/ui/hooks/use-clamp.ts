// Scroll offsets are clamped where the content's length is known — on the screen — and reported
// back, so the reducer never holds an offset past the end.

import { useEffect } from 'react';

export function useClampedScroll(requested: number, shown: number, onClamp: ((offset: number) => void) | undefined): void {
  useEffect(() => {
    if (onClamp && shown !== requested) onClamp(shown);
  }, [requested, shown, onClamp]);
}
