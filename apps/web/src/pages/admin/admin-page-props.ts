/** What an admin page receives: the `:name` segments of its path. */
export interface AdminPageProps {
  params: Record<string, string>;
}
