import { useEffect, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppAbility } from '../auth/ability.ts';

/** Whether the key press came from somewhere that takes text (where `N` is just a letter). */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * "New call", for users who may create calls: a button, and the `N` key anywhere on the page
 * outside a text field. Renders nothing for everyone else.
 */
export function NewCallButton({ onOpen, open }: { onOpen: () => void; open: boolean }) {
  const { t } = useTranslation();
  const ability = useAppAbility();
  const allowed = ability.can('create', 'Call');
  const openForm = useEffectEvent(() => onOpen());

  useEffect(() => {
    if (!allowed) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'n' && event.key !== 'N') return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (typesText(event.target)) return;
      event.preventDefault();
      openForm();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [allowed]);

  if (!allowed) return null;
  return (
    <button
      type="button"
      className="button button--primary new-call-button"
      aria-keyshortcuts="N"
      aria-expanded={open}
      onClick={onOpen}
    >
      {t('createCall.open')}
    </button>
  );
}
