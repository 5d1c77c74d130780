// oidc-provider ships no type declarations; the suite uses a small part of it (see oidc-server.ts).
declare module "oidc-provider";
