import { z } from 'zod';

/** localStorage key of the saved views; they can hold a searched name, so wiping all data removes them. */
export const SAVED_VIEWS_KEY = 'transition-lens.saved-views';

/** A named set of register filters, kept as the register's hash so it reopens exactly. */
export const SavedView = z.object({
  name: z.string().trim().min(1, 'Give the view a name').max(80, 'Use 80 characters or fewer'),
  hash: z.string().startsWith('#/register'),
});
export type SavedView = z.infer<typeof SavedView>;

/** Reads stored views, dropping anything damaged rather than failing the page. */
export function parseSavedViews(json: string | null): SavedView[] {
  if (!json) return [];
  try {
    const data: unknown = JSON.parse(json);
    if (!Array.isArray(data)) return [];
    return data.flatMap((v) => {
      const r = SavedView.safeParse(v);
      return r.success ? [r.data] : [];
    });
  } catch {
    return [];
  }
}

/** Adds a view, replacing one of the same name (names compare case-insensitively); sorted by name. */
export function upsertSavedView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const name = view.name.trim();
  return [...views.filter((v) => v.name.toLowerCase() !== name.toLowerCase()), { ...view, name }].sort((a, b) =>
    a.name.localeCompare(b.name, 'en'),
  );
}

export function removeSavedView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}
