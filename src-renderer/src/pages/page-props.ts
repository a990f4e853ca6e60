/** Every top-level screen gets the route's query parameters (e.g. list filters from a report drill-down). */
export interface PageProps {
  params: URLSearchParams;
}
