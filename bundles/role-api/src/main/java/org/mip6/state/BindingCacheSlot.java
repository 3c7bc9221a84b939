package org.mip6.state;

import org.mip6.net.Ipv6Address;

/**
 * A binding cache entry's fields (those of {@link BindingCacheEntry}) in a holder that a caller keeps
 * and reuses, so that an entry is read ({@link BindingCache#read}) and written ({@link BindingCache#write})
 * without allocating: a home agent refreshes a million bindings per second this way. Addresses are held
 * as their 64-bit halves. Not thread-safe: one per caller (a role's engine, on its node's thread).
 */
public final class BindingCacheSlot {

    private long homeHigh;
    private long homeLow;
    private long careOfHigh;
    private long careOfLow;
    private int sequence;
    private int flags;
    private boolean homeRegistration;
    private int lifetimeSeconds;
    private long registeredAt;
    private long expiresAt;
    private long lastUsedAt;
    private int tunnel;
    private long timer = Long.MAX_VALUE;

    /** Every field from {@code e}. */
    public BindingCacheSlot set(BindingCacheEntry e) {
        homeHigh = e.homeAddress().high();
        homeLow = e.homeAddress().low();
        careOfHigh = e.careOfAddress().high();
        careOfLow = e.careOfAddress().low();
        return set(e.sequence(), e.flags(), e.homeRegistration(), e.lifetimeSeconds(), e.registeredAt(), e.expiresAt(),
                e.lastUsedAt(), e.tunnel());
    }

    /** Every field but the addresses (what a caller that set them through {@code ...Halves} gives the rest with). */
    public BindingCacheSlot set(int sequence, int flags, boolean homeRegistration, int lifetimeSeconds, long registeredAt,
                                long expiresAt, long lastUsedAt, int tunnel) {
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence must be 0..65535, got " + sequence);
        }
        this.sequence = sequence;
        this.flags = flags;
        this.homeRegistration = homeRegistration;
        this.lifetimeSeconds = lifetimeSeconds;
        this.registeredAt = registeredAt;
        this.expiresAt = expiresAt;
        this.lastUsedAt = lastUsedAt;
        this.tunnel = tunnel;
        return this;
    }

    public BindingCacheSlot homeAddress(Ipv6Address a) {
        return homeAddressHalves(a.high(), a.low());
    }

    public BindingCacheSlot homeAddressHalves(long high, long low) {
        homeHigh = high;
        homeLow = low;
        return this;
    }

    public BindingCacheSlot careOfAddress(Ipv6Address a) {
        return careOfAddressHalves(a.high(), a.low());
    }

    public BindingCacheSlot careOfAddressHalves(long high, long low) {
        careOfHigh = high;
        careOfLow = low;
        return this;
    }

    /** The entry these fields make (a new record and addresses). */
    public BindingCacheEntry toEntry() {
        return new BindingCacheEntry(homeAddress(), careOfAddress(), sequence, flags, homeRegistration, lifetimeSeconds,
                registeredAt, expiresAt, lastUsedAt, tunnel);
    }

    /** A new address (allocates; {@link #homeAddressIs} does not). */
    public Ipv6Address homeAddress() {
        return Ipv6Address.of(homeHigh, homeLow);
    }

    /** A new address (allocates; {@link #careOfAddressIs} does not). */
    public Ipv6Address careOfAddress() {
        return Ipv6Address.of(careOfHigh, careOfLow);
    }

    public boolean homeAddressIs(Ipv6Address a) {
        return a.high() == homeHigh && a.low() == homeLow;
    }

    public boolean careOfAddressIs(Ipv6Address a) {
        return a.high() == careOfHigh && a.low() == careOfLow;
    }

    public long homeHigh() {
        return homeHigh;
    }

    public long homeLow() {
        return homeLow;
    }

    public long careOfHigh() {
        return careOfHigh;
    }

    public long careOfLow() {
        return careOfLow;
    }

    public int sequence() {
        return sequence;
    }

    public int flags() {
        return flags;
    }

    public boolean homeRegistration() {
        return homeRegistration;
    }

    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public long registeredAt() {
        return registeredAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public long lastUsedAt() {
        return lastUsedAt;
    }

    public int tunnel() {
        return tunnel;
    }

    /**
     * The entry's timer ({@link BindingCache#timer}) when it was read, {@link Long#MAX_VALUE} for none: a caller that
     * would move it earlier needs no second look-up. {@link BindingCache#write} leaves the entry's timer as it is.
     */
    public long timer() {
        return timer;
    }

    /** Sets what {@link #timer()} tells (a {@link BindingCache#read} does). */
    public BindingCacheSlot timer(long at) {
        this.timer = at;
        return this;
    }

    @Override
    public String toString() {
        return "BindingCacheSlot" + toEntry().toString().substring("BindingCacheEntry".length());
    }
}
