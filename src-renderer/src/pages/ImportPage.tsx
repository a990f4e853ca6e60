import type { PageProps } from './page-props.ts';

export function ImportPage(_props: PageProps) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Import</h1>
      <p>
        This screen is not built yet: it arrives with the import work. Use Settings to open a database or try
        sample data.
      </p>
    </section>
  );
}
