export const identityHandlers = {};
