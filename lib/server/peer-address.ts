/** Set on every request from the socket itself; a client cannot forge it, because it is overwritten. */
export const PEER_ADDRESS_HEADER = "x-seedream-peer-address";
