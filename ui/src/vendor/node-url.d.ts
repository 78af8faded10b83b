// vite.config.ts runs in Node and needs one Node function. The app's type set leaves Node's
// types out on purpose (they would bring Node globals into browser code), so that one function
// is declared here.
declare module "node:url" {
  export function fileURLToPath(url: string | URL): string;
}
