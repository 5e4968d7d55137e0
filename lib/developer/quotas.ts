// Limits of the developer surface. An organization's application and sector
// quotas are columns of the organization (an operator may raise them per
// organization); the per-account limit on owned organizations is one number
// for everyone. Retired resources still count: there is no hard delete, so
// retiring is not a way around a limit.
export const OWNED_ORGANIZATION_QUOTA = 5;
