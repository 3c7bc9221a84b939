package org.mip6.stack.internal.engine;

/** Address states of RFC 4862 (DEPRECATED is not modelled: the preferred lifetime ends with validity). */
public enum AddressState { TENTATIVE, PREFERRED, DUPLICATE }
