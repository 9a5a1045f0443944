import { useEffect, useRef } from 'react';
import { useStore } from '../state/store';

/** "The stream “X” was removed. Undo": in place of what was removed, while it is the last change. */
export function UndoRemoval({ what, onDone }: { what: string; onDone: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  // The focus was on the Remove button, which is gone: it goes to Undo, where the way back is.
  useEffect(() => button.current?.focus(), []);
  return (
    <p role="status" className="undo-removal" data-undo-removal>
      {what} was removed.{' '}
      <button
        ref={button}
        type="button"
        onClick={() => {
          void useStore.getState().undo();
          onDone();
        }}
      >
        Undo
      </button>{' '}
      <button type="button" className="link" onClick={onDone}>
        Dismiss
      </button>
    </p>
  );
}
