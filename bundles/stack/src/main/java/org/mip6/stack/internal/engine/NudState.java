package org.mip6.stack.internal.engine;

/** Neighbour Unreachability Detection states (RFC 4861 §7.3.2). */
public enum NudState { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE }
