import { error } from '@sveltejs/kit';

// An address under /staff that no screen has: without this route SvelteKit would show its own
// untranslated "404 Not Found" at the root, where the /staff layout has not registered the staff
// words. Here the /staff layout runs first, and routes/staff/+error.svelte says it in zh and en.
export const load = () => error(404, 'Not Found');
