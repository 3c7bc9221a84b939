package org.mip6.ro.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingKeys;
import org.mip6.ro.internal.engine.ReturnRoutabilityCrypto;
import org.osgi.service.component.annotations.Component;

/** The mobile node's return routability formulas for every mobile node role, one crypto instance per calling thread. */
@Component(service = BindingKeys.class)
public final class BindingKeysComponent implements BindingKeys {

    private final ThreadLocal<ReturnRoutabilityCrypto> crypto = ThreadLocal.withInitial(ReturnRoutabilityCrypto::new);

    @Override
    public byte[] bindingManagementKey(long homeKeygenToken, long careOfKeygenToken) {
        return crypto.get().bindingManagementKey(homeKeygenToken, careOfKeygenToken);
    }

    @Override
    public byte[] bindingManagementKey(long homeKeygenToken) {
        return crypto.get().bindingManagementKey(homeKeygenToken);
    }

    @Override
    public byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mobilityData) {
        return crypto.get().authenticator(kbm, careOfAddress, correspondent, mobilityData);
    }
}
