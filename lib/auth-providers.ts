/** The bank's single sign-on as better-auth's generic OAuth plugin names it; the server and the button share it. */
export const SSO_PROVIDER_ID = "bank-sso";
