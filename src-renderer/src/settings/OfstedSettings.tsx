import { LoadState } from '../ui/Page.tsx';
import { useApi } from '../ui/use-api.ts';
import { ChildrenInCareProfile } from './ChildrenInCareProfile.tsx';
import { DeregistrationMapping } from './DeregistrationMapping.tsx';

/** Settings for the Ofsted return and the diversity table, read once and shared by both forms. */
export function OfstedSettings() {
  const settings = useApi('carers.getOfstedSettings', {});
  if (!settings.data) return <LoadState loading={settings.loading} error={settings.error} />;
  return (
    <>
      <DeregistrationMapping settings={settings.data} onSaved={settings.refresh} />
      <ChildrenInCareProfile settings={settings.data} onSaved={settings.refresh} />
    </>
  );
}
