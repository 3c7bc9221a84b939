package org.mip6.ro.internal.engine;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.ro.BindingAuthority.Authorization;
import org.mip6.role.NamedCounters;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.HomeTest;

/**
 * A correspondent node's half of return routability (RFC 6275 §5.2, §9.4), sans-IO: Home Test and
 * Care-of Test for each init (the cookie echoed, the newest nonce's index and the keygen token), and
 * the check of a Binding Update's authorization data (§9.5.1): nonce indices no longer accepted give
 * status 136, 137 or 138; otherwise the tokens give Kbm and the authenticator must match. Counters
 * say what happened to each message.
 */
public final class ReturnRoutabilityResponder {

    private final ReturnRoutabilityCrypto crypto = new ReturnRoutabilityCrypto();
    private final NonceTable nonces;
    private final NamedCounters counters = new NamedCounters(List.of(
            "hot.sent", "cot.sent", "bu.authorized", "bu.bad-authenticator", "bu.expired-home-nonce",
            "bu.expired-care-of-nonce", "bu.expired-nonces"));

    public ReturnRoutabilityResponder(ReturnRoutabilitySecret secret) {
        this.nonces = new NonceTable(Objects.requireNonNull(secret, "secret"), crypto);
    }

    /** §9.4.2: the Home Test for a Home Test Init from {@code homeAddress}. */
    public HomeTest homeTest(long now, Ipv6Address homeAddress, long cookie) {
        long c = nonces.current(now);
        count("hot.sent");
        return new HomeTest(NonceTable.index(c), cookie, crypto.homeKeygenToken(nonces.kcn(), homeAddress, nonces.nonce(c)),
                List.of());
    }

    /** §9.4.4: the Care-of Test for a Care-of Test Init from {@code careOfAddress}. */
    public CareOfTest careOfTest(long now, Ipv6Address careOfAddress, long cookie) {
        long c = nonces.current(now);
        count("cot.sent");
        return new CareOfTest(NonceTable.index(c), cookie,
                crypto.careOfKeygenToken(nonces.kcn(), careOfAddress, nonces.nonce(c)), List.of());
    }

    /** See {@link BindingAuthority#authorize}. */
    public Authorization authorize(long now, Ipv6Address homeAddress, Ipv6Address careOfAddress, Ipv6Address correspondent,
                                   int homeNonceIndex, int careOfNonceIndex, boolean deregistration,
                                   byte[] mh, int off, int len) {
        long home = nonces.accepted(homeNonceIndex, now);
        long careOf = deregistration ? 0 : nonces.accepted(careOfNonceIndex, now);
        if (home < 0 && careOf < 0) {
            count("bu.expired-nonces");
            return new Authorization(BindingAuthority.EXPIRED_NONCES, null);
        }
        if (home < 0) {
            count("bu.expired-home-nonce");
            return new Authorization(BindingAuthority.EXPIRED_HOME_NONCE_INDEX, null);
        }
        if (careOf < 0) {
            count("bu.expired-care-of-nonce");
            return new Authorization(BindingAuthority.EXPIRED_CARE_OF_NONCE_INDEX, null);
        }
        long homeToken = crypto.homeKeygenToken(nonces.kcn(), homeAddress, nonces.nonce(home));
        byte[] kbm = deregistration ? crypto.bindingManagementKey(homeToken)
                : crypto.bindingManagementKey(homeToken,
                crypto.careOfKeygenToken(nonces.kcn(), careOfAddress, nonces.nonce(careOf)));
        int at = MobilityHeaderCodec.authenticatorOffset(mh, off, len);
        if (at < 0 || at + ReturnRoutabilityCrypto.AUTHENTICATOR_LENGTH > off + len) {
            count("bu.bad-authenticator");
            return new Authorization(BindingAuthority.BAD_AUTHENTICATOR, null);
        }
        byte[] expected = crypto.authenticator(kbm, careOfAddress, correspondent, MobilityHeaderCodec.authenticatedData(mh, off, len));
        byte[] got = java.util.Arrays.copyOfRange(mh, at, at + ReturnRoutabilityCrypto.AUTHENTICATOR_LENGTH);
        if (!MessageDigest.isEqual(expected, got)) { // constant time
            count("bu.bad-authenticator");
            return new Authorization(BindingAuthority.BAD_AUTHENTICATOR, null);
        }
        count("bu.authorized");
        return new Authorization(BindingAuthority.AUTHORIZED, kbm);
    }

    public byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mobilityData) {
        return crypto.authenticator(kbm, careOfAddress, correspondent, mobilityData);
    }

    /**
     * The nonces accepted at {@code now}, newest first: index, how long ago it was made and for how much
     * longer it is accepted (ns). Safe from any thread.
     */
    public List<long[]> acceptedNonces(long now) {
        List<long[]> out = new java.util.ArrayList<>();
        for (long c = nonces.current(now); c >= 0; c--) {
            long age = now - nonces.madeAt(c);
            if (age > NonceTable.MAX_NONCE_LIFETIME) {
                break;
            }
            out.add(new long[] {NonceTable.index(c), age, NonceTable.MAX_NONCE_LIFETIME - age});
        }
        return out;
    }

    /** The index of the nonce handed out now, for the shell. */
    public int currentIndex(long now) {
        return NonceTable.index(nonces.current(now));
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    private void count(String c) {
        counters.count(c);
    }
}
