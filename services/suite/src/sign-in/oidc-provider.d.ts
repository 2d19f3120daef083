// oidc-provider 9 ships no types; the suite uses the few calls typed in identity-provider.ts.
declare module 'oidc-provider';
