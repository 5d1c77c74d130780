/** A LINE user id as the Messaging API and LIFF give it: "U" and 32 hex digits. */
export const LINE_USER_ID = /^U[0-9a-f]{32}$/;
