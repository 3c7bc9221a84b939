package org.mip6.ha.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/**
 * A Binding Update as the home agent receives it (RFC 6275 §9.5.1): what it acts on, read from the
 * message's record ({@link #of}) or from its bytes in place ({@link #set}).
 * <p>
 * Fields:
 * {@code iface} the interface it arrived on;
 * {@code homeAgent} the address it was sent to (the IPv6 destination);
 * {@code source} the IPv6 source (the care-of address, or the home address at home);
 * {@code homeAddress} the Home Address option's address, or the source without one;
 * {@code sequence} the Sequence # field;
 * {@code flags} the 16 bits after it (A, H, L, K, ... and Reserved);
 * {@code lifetime} the Lifetime field, in units of 4 s;
 * {@code alternateCareOfAddress} the first Alternate Care-of Address option's address (§6.2.5), or null;
 * {@code forbiddenOption} the type of the first option a home registration must not carry (Nonce Indices,
 * §6.2.6; Binding Authorization Data, §6.2.7), or -1;
 * {@code mobileNetworkPrefixes} the Mobile Network Prefix options' prefixes (RFC 3963 §4.3), in order ({@link
 * #mobileNetworkPrefixes(List)}: {@link #set} leaves none).
 * <p>
 * A value, but one the role may {@link #reusable() keep} and {@link #set} anew for each Binding Update it
 * reads on the node's view, so that a refresh allocates none (a million bindings' worth of them per second):
 * the engine keeps no instance past its call but a {@link #copy()} (a request waiting for DAD).
 */
public final class ReceivedBindingUpdate {

    private int iface;
    private Ipv6Address homeAgent;
    private Ipv6Address source;
    private Ipv6Address homeAddress;
    private int sequence;
    private int flags;
    private int lifetime;
    private Ipv6Address alternateCareOfAddress;
    private int forbiddenOption;
    private static final List<Ipv6Prefix> NONE = List.of();

    private List<Ipv6Prefix> mobileNetworkPrefixes = NONE;

    public ReceivedBindingUpdate(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                 int sequence, int flags, int lifetime, Ipv6Address alternateCareOfAddress,
                                 int forbiddenOption) {
        set(iface, homeAgent, source, homeAddress, sequence, flags, lifetime, alternateCareOfAddress, forbiddenOption);
    }

    private ReceivedBindingUpdate() {
        homeAgent = source = homeAddress = Ipv6Address.UNSPECIFIED;
        forbiddenOption = -1;
    }

    /** An instance for {@link #set} to fill, one Binding Update at a time (the unspecified address until then). */
    public static ReceivedBindingUpdate reusable() {
        return new ReceivedBindingUpdate();
    }

    /** This instance, now the Binding Update given (the parameters as the fields above). */
    public ReceivedBindingUpdate set(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                     int sequence, int flags, int lifetime, Ipv6Address alternateCareOfAddress,
                                     int forbiddenOption) {
        this.iface = iface;
        this.homeAgent = Objects.requireNonNull(homeAgent, "homeAgent");
        this.source = Objects.requireNonNull(source, "source");
        this.homeAddress = Objects.requireNonNull(homeAddress, "homeAddress");
        this.sequence = sequence;
        this.flags = flags;
        this.lifetime = lifetime;
        this.alternateCareOfAddress = alternateCareOfAddress;
        this.forbiddenOption = forbiddenOption;
        if (mobileNetworkPrefixes != NONE) { // (a comparison, not a store, for a mobile node's: the refresh's path)
            this.mobileNetworkPrefixes = NONE;
        }
        return this;
    }

    /** This instance with the Mobile Network Prefix options' prefixes (RFC 3963 §4.3), after {@link #set}. */
    public ReceivedBindingUpdate mobileNetworkPrefixes(List<Ipv6Prefix> prefixes) {
        this.mobileNetworkPrefixes = prefixes.isEmpty() ? NONE : List.copyOf(prefixes);
        return this;
    }

    /** A copy of its own, for the engine to keep (a {@link #reusable()} instance is filled again). */
    public ReceivedBindingUpdate copy() {
        return new ReceivedBindingUpdate(iface, homeAgent, source, homeAddress, sequence, flags, lifetime,
                alternateCareOfAddress, forbiddenOption).mobileNetworkPrefixes(mobileNetworkPrefixes);
    }

    /** From the message's record. */
    public static ReceivedBindingUpdate of(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                           BindingUpdate update) {
        Ipv6Address alternate = null;
        int forbidden = -1;
        List<Ipv6Prefix> prefixes = new ArrayList<>(0);
        for (MobilityOption o : update.options()) {
            if (o instanceof MobilityOption.MobileNetworkPrefix p) {
                prefixes.add(Ipv6Prefix.of(p.prefix(), p.prefixLength()));
            } else if (o instanceof MobilityOption.AlternateCareOfAddress a && alternate == null) {
                alternate = a.address();
            } else if (forbidden < 0 && (o instanceof MobilityOption.NonceIndices
                    || o instanceof MobilityOption.BindingAuthorizationData)) {
                forbidden = o.type();
            }
        }
        return new ReceivedBindingUpdate(iface, homeAgent, source, homeAddress, update.sequence(), update.flags(),
                update.lifetime(), alternate, forbidden).mobileNetworkPrefixes(prefixes);
    }

    public int iface() {
        return iface;
    }

    public Ipv6Address homeAgent() {
        return homeAgent;
    }

    public Ipv6Address source() {
        return source;
    }

    public Ipv6Address homeAddress() {
        return homeAddress;
    }

    public int sequence() {
        return sequence;
    }

    public int flags() {
        return flags;
    }

    public int lifetime() {
        return lifetime;
    }

    public Ipv6Address alternateCareOfAddress() {
        return alternateCareOfAddress;
    }

    public int forbiddenOption() {
        return forbiddenOption;
    }

    public List<Ipv6Prefix> mobileNetworkPrefixes() {
        return mobileNetworkPrefixes;
    }

    /** RFC 3963 §4.1: the Mobile Router flag. */
    public boolean mobileRouter() {
        return (flags & BindingUpdate.R) != 0;
    }

    public boolean homeRegistration() {
        return (flags & BindingUpdate.H) != 0;
    }

    public boolean linkLocalCompatibility() {
        return (flags & BindingUpdate.L) != 0;
    }

    public long lifetimeSeconds() {
        return lifetime * 4L;
    }

    /** The care-of address the binding is for: the Alternate Care-of Address, else the source (§9.5.1). */
    public Ipv6Address careOfAddress() {
        return alternateCareOfAddress != null ? alternateCareOfAddress : source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedBindingUpdate r && iface == r.iface && sequence == r.sequence && flags == r.flags
                && lifetime == r.lifetime && forbiddenOption == r.forbiddenOption && homeAgent.equals(r.homeAgent)
                && source.equals(r.source) && homeAddress.equals(r.homeAddress)
                && Objects.equals(alternateCareOfAddress, r.alternateCareOfAddress)
                && mobileNetworkPrefixes.equals(r.mobileNetworkPrefixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iface, homeAgent, source, homeAddress, sequence, flags, lifetime, alternateCareOfAddress,
                forbiddenOption, mobileNetworkPrefixes);
    }

    @Override
    public String toString() {
        return "ReceivedBindingUpdate[iface=" + iface + ", homeAgent=" + homeAgent + ", source=" + source
                + ", homeAddress=" + homeAddress + ", sequence=" + sequence + ", flags=" + flags + ", lifetime="
                + lifetime + ", alternateCareOfAddress=" + alternateCareOfAddress + ", forbiddenOption="
                + forbiddenOption + (mobileNetworkPrefixes.isEmpty() ? "" : ", mobileNetworkPrefixes=" + mobileNetworkPrefixes)
                + "]";
    }
}
