// How long an inquiry lives and how much it tolerates. The docs fix none of
// these numbers; they are chosen so a person has time to sign in, a poller
// at one request per second never runs out, and a leaked exposure key is
// useless within minutes.
export const INQUIRY_TTL_SECONDS = 15 * 60;
/** After realize, the application has this long to redeem. */
export const REDEEM_WINDOW_SECONDS = 10 * 60;
/** Wrong codes / failed passkey assertions an inquiry survives. */
export const INQUIRY_LIVES = 5;
/** /status-poll calls an inquiry answers before it counts as expired. */
export const INQUIRY_STATUS_POLLS = 1200;
