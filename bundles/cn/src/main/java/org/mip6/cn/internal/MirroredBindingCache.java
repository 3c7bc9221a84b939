package org.mip6.cn.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mip6.net.Ipv6Address;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;

/**
 * The binding cache (in {@code state}) as the correspondent node engine sees it, with every change of
 * this node's correspondent bindings mirrored into the node's data path ({@link RoleNode#admitHomeAddress}):
 * while the role is being replaced, the node admits Home Address options from the bindings itself
 * (RFC 6275 §9.3.1), so route-optimized traffic does not wait for the swap. On the node's thread.
 */
final class MirroredBindingCache implements BindingCache {

    private final BindingCache cache;
    private final RoleNode node;

    MirroredBindingCache(BindingCache cache, RoleNode node) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Mirrors what the cache holds for this node now (a role that replaces another, or after a restart). */
    void mirrorAll() {
        for (BindingCacheEntry e : cache.entries(node.name())) {
            mirror(e);
        }
    }

    private void mirror(BindingCacheEntry e) {
        if (e.homeRegistration()) {
            node.withdrawHomeAddress(e.homeAddress()); // a home agent's binding: not the correspondent's to admit
        } else {
            node.admitHomeAddress(e.homeAddress(), e.careOfAddress(), e.expiresAt());
        }
    }

    @Override
    public Optional<BindingCacheEntry> get(String n, Ipv6Address key) {
        return cache.get(n, key);
    }

    @Override
    public void put(String n, Ipv6Address key, BindingCacheEntry entry) {
        BindingCacheEntry before = n.equals(node.name()) ? cache.get(n, key).orElse(null) : null;
        cache.put(n, key, entry);
        if (n.equals(node.name())) {
            mirror(entry);
            if (!entry.homeRegistration() && (before == null || !before.careOfAddress().equals(entry.careOfAddress()))) {
                node.migrateSecurityAssociations(key, entry.careOfAddress()); // IPsec route optimization's SAs follow
            }
        }
    }

    @Override
    public Optional<BindingCacheEntry> remove(String n, Ipv6Address key) {
        Optional<BindingCacheEntry> gone = cache.remove(n, key);
        if (n.equals(node.name())) {
            node.withdrawHomeAddress(key);
            if (gone.isPresent()) {
                node.migrateSecurityAssociations(key, key);
            }
        }
        return gone;
    }

    @Override
    public List<BindingCacheEntry> entries(String n) {
        return cache.entries(n);
    }

    @Override
    public void clear(String n) {
        if (n.equals(node.name())) {
            for (BindingCacheEntry e : cache.entries(n)) {
                node.withdrawHomeAddress(e.homeAddress());
            }
        }
        cache.clear(n);
    }

    @Override
    public List<String> nodes() {
        return cache.nodes();
    }

    @Override
    public long timer(String n, Ipv6Address homeAddress) {
        return cache.timer(n, homeAddress);
    }

    @Override
    public void setTimer(String n, Ipv6Address homeAddress, long at) {
        cache.setTimer(n, homeAddress, at);
    }

    @Override
    public long nextTimer(String n) {
        return cache.nextTimer(n);
    }

    @Override
    public Ipv6Address pollTimer(String n, long now) {
        return cache.pollTimer(n, now);
    }
}
