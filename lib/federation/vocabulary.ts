// The federation names other modules share (the admin CLI, the sign-in page):
// kept free of imports so none of them pulls in the sign-in machinery.
export const FEDERATION_METHOD = "ENTERPRISE_FEDERATION_APPLICATION_MANAGED";
/** Forced SSO: the connector is the one the user's domain owner bound (docs 25). */
export const DOMAIN_FEDERATION_METHOD = "ENTERPRISE_FEDERATION_DOMAIN_MANAGED";

/** The platform's one redirect URI path for every connector (docs 23): register it at the IdP. */
export const FEDERATION_CALLBACK_PATH = "/via/oauth/enterprise-federation/callback";
