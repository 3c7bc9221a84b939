package org.mip6.ha.internal.engine;

/** What a home agent counts; every rejection and drop by its reason. */
public enum HaCounter {
    BU_RECEIVED("bu.received"),
    BU_ACCEPTED("bu.accepted"),
    BU_NEW_BINDINGS("bu.new"),
    BU_REFRESHED("bu.refresh"),
    BU_MOVED("bu.moved"),
    BU_DEREGISTERED("bu.deregistered"),
    REJECT_SEQUENCE("reject.135-sequence-out-of-window"),
    REJECT_NOT_HOME_SUBNET("reject.132-not-home-subnet"),
    REJECT_NOT_HOME_AGENT("reject.131-home-registration-not-supported"),
    REJECT_NOT_HOME_AGENT_FOR_MN("reject.133-not-home-agent-for-this-mn"),
    REJECT_DAD("reject.134-dad-failed"),
    REJECT_POLICY("reject.policy"),
    REJECT_RESOURCES("reject.130-insufficient-resources"),
    REJECT_TYPE_CHANGE("reject.139-registration-type-change"),
    REJECT_INVALID_COA("reject.174-invalid-care-of-address"),
    REJECT_MOBILE_ROUTER_NOT_PERMITTED("reject.140-mobile-router-operation-not-permitted"),
    REJECT_INVALID_PREFIX("reject.141-invalid-prefix"),
    REJECT_PREFIX_NOT_AUTHORIZED("reject.142-not-authorized-for-prefix"),
    REJECT_PREFIXES_MISSING("reject.143-forwarding-setup-failed"),
    BU_MOBILE_ROUTER("bu.mobile-router"),
    DROP_NOT_UNICAST_HOME("drop.home-address-not-unicast-routable"),
    DROP_NONCE_INDICES("drop.home-bu-with-nonce-indices"),
    DROP_AUTHORIZATION_DATA("drop.home-bu-with-authorization-data"),
    DROP_DURING_DAD("drop.bu-during-dad"),
    DROP_CIRCULAR("drop.care-of-address-is-a-registered-home-address"),
    CORRESPONDENT_BU("be.2-correspondent-bu"),
    DAD_STARTED("dad.started"),
    DAD_FAILED("dad.failed"),
    BA_SENT("ba.sent"),
    BA_PREFIX_DISCOVERY("ba.1-prefix-discovery-necessary"),
    BE_SENT("be.sent"),
    BE_RATE_LIMITED("be.rate-limited"),
    DROP_HAO_NOT_UNICAST("drop.hao-not-unicast-routable"),
    HAO_NO_BINDING("be.1-no-binding"),
    BINDINGS_EXPIRED("binding.expired"),
    REFRESH_REQUESTS("brr.sent"),
    POLICY_ERRORS("policy.errors");

    /** The name in {@code mip6:counters}. */
    public final String key;

    HaCounter(String key) {
        this.key = key;
    }
}
