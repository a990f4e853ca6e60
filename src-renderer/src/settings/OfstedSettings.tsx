import { useEffect } from 'react';
import { LoadState } from '../ui/Page.tsx';
import { useApi } from '../ui/use-api.ts';
import { ChildrenInCareProfile } from './ChildrenInCareProfile.tsx';
import { DeregistrationMapping } from './DeregistrationMapping.tsx';

/**
 * Settings for the Ofsted return and the diversity table, read once and shared by both forms, and
 * again whenever the reason lists change (`reasonsChanged` counts the changes): the categories
 * list every leaving reason by its name.
 */
export function OfstedSettings({ reasonsChanged = 0 }: { reasonsChanged?: number }) {
  const settings = useApi('carers.getOfstedSettings', {});
  const { refresh } = settings;
  useEffect(() => {
    if (reasonsChanged > 0) refresh();
  }, [reasonsChanged, refresh]);
  if (!settings.data) return <LoadState loading={settings.loading} failure={settings.failure} />;
  return (
    <>
      <DeregistrationMapping settings={settings.data} onSaved={settings.refresh} />
      <ChildrenInCareProfile settings={settings.data} onSaved={settings.replace} />
    </>
  );
}
