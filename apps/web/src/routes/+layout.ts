// Every screen renders in the browser: data comes from the API and the socket, live.
export const ssr = false;
export const prerender = false;
